// TOTP codes for tests, computed from the secret the setup screen shows. The core accepts
// each 30-second step once, so a second login waits for a step after the last one used.
import { generate } from 'otplib';

export const TOTP_PERIOD_S = 30;

export function currentStep(nowMs = Date.now()): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_S);
}

export function codeForStep(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * TOTP_PERIOD_S });
}

/** A code for the current step, waiting first until the step is later than `afterStep`. */
export async function freshCode(secret: string, afterStep: number | null = null): Promise<{ code: string; step: number }> {
  while (afterStep !== null && currentStep() <= afterStep) {
    const msToNext = (currentStep() + 1) * TOTP_PERIOD_S * 1000 - Date.now();
    await new Promise((resolve) => setTimeout(resolve, msToNext + 50));
  }
  // Stay clear of a step boundary so the code is still current when the server checks it.
  const intoStep = (Date.now() / 1000) % TOTP_PERIOD_S;
  if (intoStep > TOTP_PERIOD_S - 2) await new Promise((resolve) => setTimeout(resolve, (TOTP_PERIOD_S - intoStep) * 1000 + 50));
  const step = currentStep();
  return { code: await codeForStep(secret, step), step };
}

/** A 6-digit code that is valid for none of the steps the server would accept now. */
export async function wrongCode(secret: string): Promise<string> {
  const step = currentStep();
  const valid = new Set(await Promise.all([-1, 0, 1].map((d) => codeForStep(secret, step + d))));
  let candidate = 0;
  while (valid.has(String(candidate).padStart(6, '0'))) candidate += 1;
  return String(candidate).padStart(6, '0');
}
