// The phone side of the collection e2e tests: a phone-sized, touch Chromium context that
// accepts the listener's self-signed certificate (a phone shows its warning once), and a
// phone page's problems without the browser's own line for a refusal the test asked for.
import type { Browser } from '@playwright/test';
import type { PageProblems } from './harness';

export function phoneContext(browser: Browser) {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    ignoreHTTPSErrors: true,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
}

export function unexpected(problems: PageProblems): PageProblems {
  const refusal = /Failed to load resource: the server responded with a status of 403/;
  return { ...problems, consoleErrors: problems.consoleErrors.filter((line) => !refusal.test(line)) };
}
