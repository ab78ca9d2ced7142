// Starts the harness as a child process for tests, the way a developer would, and waits
// for its ready line. One process per caller: node --import tsx (signals reach it directly).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const HARNESS_MAIN = path.join(REPO_ROOT, 'test/harness/main.ts');
const READY = /^harness ready (http:\/\/127\.0\.0\.1:\d+)$/m;

export interface HarnessOptions {
  dataDir: string;
  /** MNV_PASSPHRASE; undefined leaves it unset. */
  passphrase: string | undefined;
  port?: number;
  testClock?: boolean;
  /** The LAN listener may be turned on with lan.configure (--lan). */
  lan?: boolean;
  timeoutMs?: number;
}

export interface RunningHarness {
  url: string;
  /** Everything the harness wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface HarnessExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function launch({ dataDir, passphrase, port = 0, testClock = false, lan = false }: HarnessOptions): ChildProcess {
  const env = { ...process.env };
  delete env.MNV_PASSPHRASE;
  if (passphrase !== undefined) env.MNV_PASSPHRASE = passphrase;
  const args = ['--import', 'tsx', HARNESS_MAIN, '--data-dir', dataDir, '--port', String(port)];
  if (testClock) args.push('--test-clock');
  if (lan) args.push('--lan');
  return spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export function startHarness(options: HarnessOptions): Promise<RunningHarness> {
  const child = launch(options);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = waitForExit(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`harness did not become ready within ${options.timeoutMs ?? 60_000} ms\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    const onData = () => {
      const match = READY.exec(stdout);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onEarlyExit);
      resolve({ url: match[1], stderr: () => stderr, stop });
    };
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`harness exited (${code}) before it was ready\n${stderr}`));
    };
    child.stdout?.on('data', onData);
    child.once('exit', onEarlyExit);
  });
}

/** Runs the harness expecting it to stop by itself (a refused start); kills it if it gets ready. */
export async function runHarnessExpectingExit(options: HarnessOptions): Promise<HarnessExit> {
  const child = launch(options);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (READY.test(stdout)) child.kill('SIGTERM');
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const code = await waitForExit(child);
  clearTimeout(timer);
  return { code, stdout, stderr };
}
