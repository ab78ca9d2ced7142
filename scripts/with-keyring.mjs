#!/usr/bin/env node
// Runs a command inside a private D-Bus session bus with an unlocked gnome-keyring Secret
// Service, so the `os` key store is tested against a real keychain and never touches the
// user's own:
//
//   node scripts/with-keyring.mjs vitest run
//
// XDG_DATA_HOME (where the keyring files go) and XDG_RUNTIME_DIR (its sockets) point at
// fresh temporary directories, removed afterwards. The command's exit code is passed on.
// Without dbus-run-session the command still runs, with a warning, and the tests that need a
// Secret Service fail with a message saying so: they never skip.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node scripts/with-keyring.mjs <command> [args...]');
  process.exit(2);
}

/** Whether an executable of this name is on PATH. */
function onPath(cmd) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir || '.', cmd), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

// The keyring is created with this password and unlocked at once; it guards nothing but a
// throw-away keyring in a temporary directory. The command starts only once the daemon owns
// org.freedesktop.secrets on the bus (up to 10 s): a daemon that joins a bus already gone
// would outlive it, and a client that calls too early would trigger D-Bus activation.
const SCRIPT = `
if command -v gnome-keyring-daemon >/dev/null 2>&1; then
  printf %s throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  for _ in $(seq 100); do
    command -v dbus-send >/dev/null 2>&1 || break
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
    sleep 0.1
  done
else
  echo "with-keyring: gnome-keyring-daemon is not installed: no Secret Service on this bus" >&2
fi
exec "$@"
`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-keyring-'));
const dataHome = path.join(scratch, 'data');
const runtimeDir = path.join(scratch, 'run');
fs.mkdirSync(dataHome, { mode: 0o700 });
fs.mkdirSync(runtimeDir, { mode: 0o700 });

const env = {
  ...process.env,
  XDG_DATA_HOME: dataHome,
  XDG_RUNTIME_DIR: runtimeDir,
  // `vitest run` works as in an npm script, whoever calls this.
  PATH: [path.join(root, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(path.delimiter),
};
// Never talk to an outer session's bus or keyring.
delete env.DBUS_SESSION_BUS_ADDRESS;
delete env.GNOME_KEYRING_CONTROL;

let command;
let commandArgs;
if (onPath('dbus-run-session')) {
  command = 'dbus-run-session';
  commandArgs = ['--', 'bash', '-c', SCRIPT, 'with-keyring', ...args];
  // Tells tests that must use the app's own keychain service that this keyring is a throw-away.
  env.MNV_THROWAWAY_KEYRING = '1';
} else {
  console.error('with-keyring: dbus-run-session is not installed: running without a Secret Service (the os key store tests will fail)');
  [command, ...commandArgs] = args;
}

const cleanup = () => fs.rmSync(scratch, { recursive: true, force: true });

/** The pids of every process below pid (Linux /proc), deepest last. */
function descendants(pid) {
  let entries;
  try {
    entries = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const children = new Map();
  for (const name of entries) {
    try {
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so parse after the last ')'.
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  const out = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

const child = spawn(command, commandArgs, { stdio: 'inherit', env });
// dbus-run-session does not pass a signal on to its command or its bus, so a signal sent to
// this wrapper alone (a CI timeout, say) goes to every process below it.
const forward = (signal) => () => {
  for (const pid of [child.pid, ...descendants(child.pid)]) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));

child.on('error', (err) => {
  cleanup();
  console.error(`with-keyring: cannot run ${command}: ${err.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  cleanup();
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
