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
  'inspect-port',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'js-flags',
] as const;

/** The forbidden switches in an argv (`--name`, `--name=value`; case as Chromium reads them). */
export function forbiddenSwitches(argv: readonly string[]): string[] {
  const found = new Set<string>();
  for (const arg of argv) {
    const match = /^--?([a-z-]+)(?:=.*)?$/.exec(arg);
    const name = match?.[1];
    if (name && (FORBIDDEN as readonly string[]).includes(name)) found.add(name);
  }
  return [...found];
}
