// The environment the core host (a utility process) starts with: the app's own and, on Linux,
// MALLOC_ARENA_MAX=2. glibc gives every thread that allocates an arena of its own and keeps what
// is freed there; libvips re-encoding phone photos on libuv's threads would otherwise leave some
// 100 MB more held after a burst of uploads (sharp's documentation gives the same advice). An
// administrator's own setting is left as it is.
export function coreHostEnvironment(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Record<string, string> {
  const copy = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  if (platform === 'linux' && copy.MALLOC_ARENA_MAX === undefined) copy.MALLOC_ARENA_MAX = '2';
  return copy;
}
