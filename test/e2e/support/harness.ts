// Playwright fixtures: one harness per test file (with a fresh data directory),
// a page that records CSP violations and console errors, and screenshots that are both
// written to test/artifacts/ and attached to the report.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test as base, type Locator, type Page, type TestInfo } from '@playwright/test';
import { REPO_ROOT, startHarness, type RunningHarness } from '../../harness/support/spawn';

export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test/artifacts');
export const E2E_PASSPHRASE = 'e2e-harness-passphrase';

export interface PageProblems {
  cspViolations: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

/**
 * One harness (and data directory) per test file: tests of a file share it, in order, and
 * the next file a worker runs gets a fresh one. Playwright runs a file's tests in one
 * worker, one after the other (fullyParallel is off).
 */
class HarnessPerFile {
  private current: { file: string; harness: RunningHarness; dataDir: string } | null = null;

  async forFile(file: string, { lan = false }: { lan?: boolean } = {}): Promise<RunningHarness> {
    if (this.current?.file === file) return this.current.harness;
    await this.close();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-e2e-'));
    const harness = await startHarness({ dataDir, passphrase: E2E_PASSPHRASE, testClock: true, lan });
    this.current = { file, harness, dataDir };
    return harness;
  }

  /** The data directory of the current file's harness. */
  dataDir(): string {
    if (!this.current) throw new Error('no harness is running');
    return this.current.dataDir;
  }

  async close(): Promise<void> {
    if (!this.current) return;
    const { harness, dataDir } = this.current;
    this.current = null;
    await harness.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

interface WorkerFixtures {
  harnesses: HarnessPerFile;
}

interface TestFixtures {
  /** The harness can run the LAN listener once an admin turns it on: `test.use({ harnessLan: true })`. */
  harnessLan: boolean;
  harness: RunningHarness;
  /** The harness's data directory, for tests that tamper with the files behind its back. */
  dataDir: string;
  problems: PageProblems;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  harnesses: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const pool = new HarnessPerFile();
      try {
        await use(pool);
      } finally {
        await pool.close();
      }
    },
    { scope: 'worker' },
  ],
  harnessLan: [false, { option: true }],
  harness: async ({ harnesses, harnessLan }, use, testInfo) => {
    const harness = await harnesses.forFile(testInfo.file, { lan: harnessLan });
    await use(harness);
    // The core logs internal errors (name and message only) to the harness's stderr.
    if (testInfo.status !== testInfo.expectedStatus && harness.stderr()) {
      await testInfo.attach('harness-stderr', { body: harness.stderr(), contentType: 'text/plain' });
    }
  },
  dataDir: async ({ harnesses, harness }, use) => {
    void harness; // started first, so its directory exists
    await use(harnesses.dataDir());
  },
  baseURL: async ({ harness }, use) => use(harness.url),
  problems: async ({ page }, use) => {
    await use(await watchProblems(page));
  },
});

export { expect };

/**
 * Records what must never happen on a page: a CSP violation, a console error, an uncaught
 * exception. The `problems` fixture does this for `page`; call it for pages of other contexts.
 */
export async function watchProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { cspViolations: [], consoleErrors: [], pageErrors: [] };
  await page.exposeFunction('__mnvReportCspViolation', (text: string) => problems.cspViolations.push(text));
  // Runs in the page before any of its scripts (as text: this file is compiled without DOM types).
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      window.__mnvReportCspViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') +
        ' (' + event.sourceFile + ':' + event.lineNumber + ')');
    });`,
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(`${message.text()} at ${message.location().url}`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  return problems;
}

export function expectNoProblems(problems: PageProblems): void {
  expect(problems.cspViolations).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
}

/** A form field by its label; required fields carry a trailing " *" in their label. */
export function field(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}\\s*\\*?$`));
}

/**
 * What a screenshot must never show, masked by default: a TOTP secret (as text or as its QR
 * code), a recovery code, a shown My Number (generated ones included).
 */
export function secretsOn(page: Page): Locator[] {
  return [
    page.locator('.mnv-qr'),
    page.locator('[data-testid="totp-secret"], [data-testid="recovery-code"], [data-testid="new-recovery-code"], [data-testid="revealed-number"]'),
  ];
}

/** Saves a full-page screenshot to test/artifacts/<name>.png and attaches it to the test. */
export async function snapshot(page: Page, testInfo: TestInfo, name: string, { mask }: { mask?: Locator[] } = {}): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  const body = await page.screenshot({ path: file, fullPage: true, mask: mask ?? secretsOn(page) });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/**
 * A screenshot with a viewport tall enough for the whole page: the app frame's fixed header
 * and navigation would otherwise land mid-image in a full-page capture of a scrolled page.
 */
export async function tallSnapshot(page: Page, testInfo: TestInfo, name: string, height: number, options: { mask?: Locator[] } = {}): Promise<void> {
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: before.width, height });
  await snapshot(page, testInfo, name, options);
  await page.setViewportSize(before);
}
