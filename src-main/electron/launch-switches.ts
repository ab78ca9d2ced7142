// Switches that would let another program drive or read the app: a DevTools or Node
// inspector port, a remote-debugging pipe. The fuses already turn off Node's own (--inspect
// under RunAsNode, NODE_OPTIONS); Chromium's are refused here, before any window opens.
const FORBIDDEN = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-brk-node',
  'inspect-wait',
  'inspect-port',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'debug-port',
  'js-flags',
] as const;

/**
 * The forbidden switches in an argv (`--name`, `--name=value`), read as Chromium reads them on
 * Windows, the loosest of its platforms: `-` and `/` prefixes count too, and names are
 * case-insensitive (`/Remote-Debugging-Port=9222` opens the port there).
 */
export function forbiddenSwitches(argv: readonly string[]): string[] {
  const found = new Set<string>();
  for (const arg of argv) {
    const match = /^(?:--?|\/)([a-z0-9-]+)(?:=.*)?$/is.exec(arg);
    const name = match?.[1]?.toLowerCase();
    if (name && (FORBIDDEN as readonly string[]).includes(name)) found.add(name);
  }
  return [...found];
}
