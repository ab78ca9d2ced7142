// The environment the core host (a utility process) starts with: the app's own and, on Linux,
// two glibc malloc settings for the photos' large buffers (sharp's documentation gives the same
// advice about glibc's fragmentation):
//   MALLOC_ARENA_MAX=2            glibc gives every thread that allocates an arena of its own and
//                                 keeps what is freed there; libvips re-encoding phone photos on
//                                 libuv's threads would otherwise leave some 100 MB more held;
//   MALLOC_MMAP_THRESHOLD_=131072 a block of 128 KiB or more (an upload's body, a decoded photo)
//                                 is mapped on its own and given back to the system when freed;
//                                 glibc otherwise raises this threshold as such blocks are freed,
//                                 and they then stay in the heap: measured on the 60-phone load,
//                                 the burst's peak 446 MB instead of 538 MB and 379 MB instead of
//                                 536 MB left after it.
// An administrator's own setting is left as it is.
const LINUX_MALLOC: Record<string, string> = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' };

export function coreHostEnvironment(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Record<string, string> {
  const copy = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  if (platform === 'linux') for (const [name, value] of Object.entries(LINUX_MALLOC)) copy[name] ??= value;
  return copy;
}
