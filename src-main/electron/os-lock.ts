// The OS lock screen and suspend lock the vault UI: main tells each window `vault:lock`
// (the preload exposes it as vault.events.onLock). The renderer returns to its lock screen.
import type { PowerMonitor } from 'electron';

// The channel name lives with the preload that subscribes to it.
export { VAULT_LOCK_EVENT } from '../../src-preload/shell-events';

/** Calls onLock when the OS screen locks or the machine suspends. */
export function watchOsLock(powerMonitor: Pick<PowerMonitor, 'on'>, onLock: () => void): void {
  powerMonitor.on('lock-screen', onLock);
  powerMonitor.on('suspend', onLock);
}
