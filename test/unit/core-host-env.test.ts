// The core host's environment: the app's own, with glibc's arenas limited to two and large
// blocks mapped on their own on Linux (photos re-encoded on several threads would otherwise leave
// memory held), unless set already.
import { describe, expect, it } from 'vitest';
import { coreHostEnvironment } from '../../src-main/electron/core-host-env';

describe('the core host environment', () => {
  it('limits glibc to two malloc arenas and maps blocks of 64 KiB or more on their own on Linux, keeping the rest of the environment', () => {
    expect(coreHostEnvironment({ PATH: '/usr/bin', LANG: 'ja_JP.UTF-8', UNSET: undefined }, 'linux')).toEqual({
      PATH: '/usr/bin',
      LANG: 'ja_JP.UTF-8',
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '65536',
    });
  });

  it('leaves an administrator’s own settings, and other systems, as they are', () => {
    expect(coreHostEnvironment({ MALLOC_ARENA_MAX: '4', MALLOC_MMAP_THRESHOLD_: '131072' }, 'linux')).toEqual({ MALLOC_ARENA_MAX: '4', MALLOC_MMAP_THRESHOLD_: '131072' });
    expect(coreHostEnvironment({ MALLOC_ARENA_MAX: '4' }, 'linux')).toEqual({ MALLOC_ARENA_MAX: '4', MALLOC_MMAP_THRESHOLD_: '65536' });
    expect(coreHostEnvironment({ PATH: 'C:\\Windows' }, 'win32')).toEqual({ PATH: 'C:\\Windows' });
    expect(coreHostEnvironment({ PATH: '/usr/bin' }, 'darwin')).toEqual({ PATH: '/usr/bin' });
  });
});
