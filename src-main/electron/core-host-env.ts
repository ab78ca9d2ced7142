// The environment the core host (a utility process) starts with: the app's own and, on Linux,
// two glibc malloc settings for the photos' large buffers (sharp's documentation gives the same
// advice about glibc's fragmentation):
//   MALLOC_ARENA_MAX=2            glibc gives every thread that allocates an arena of its own and
//                                 keeps what is freed there; libvips re-encoding phone photos on
//                                 libuv's threads would otherwise leave some 100 MB more held;
//   MALLOC_MMAP_THRESHOLD_=65536  a block of 64 KiB or more (an upload's body, a decoded photo,
//                                 libjpeg's rows of a 4000 px photo: some 96 KiB) is mapped on its
//                                 own and given back to the system when freed; glibc otherwise
//                                 raises this threshold as such blocks are freed, and they then
//                                 stay in the heap. Measured on the 60-phone load: at 128 KiB, the
//                                 burst's peak 446 MB instead of 538 MB and 379 MB instead of 536 MB
//                                 left after it; at 64 KiB, 425 and 337 MB instead of 457 and 405
//                                 (re-encoding alone, 60 photos: 100 MB of the C heap left instead
//                                 of 210; a little more time in the kernel for the mappings).
// An administrator's own setting is left as it is.
const LINUX_MALLOC: Record<string, string> = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '65536' };

export function coreHostEnvironment(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Record<string, string> {
  const copy = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  if (platform === 'linux') for (const [name, value] of Object.entries(LINUX_MALLOC)) copy[name] ??= value;
  return copy;
}
