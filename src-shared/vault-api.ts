// The shape of `window.vault`: one named function per channel, namespaced by the part
// before the dot (vault.auth.login(...)). Built the same way by the preload and the harness.
import type { ChannelName } from './access';
import type { ChannelInput, ChannelOutput } from './contract';
import type { Result } from './errors';
import type { VaultJobEvents } from './jobs';
import type { VaultFiles } from './save-export';
import type { VaultShellEvents } from './shell-events';

type Namespace<C extends string> = C extends `${infer N}.${string}` ? N : never;
type Verb<C extends string, N extends string> = C extends `${N}.${infer V}` ? V : never;

export type VaultChannels = {
  [N in Namespace<ChannelName>]: {
    [V in Verb<ChannelName, N>]: `${N}.${V}` extends infer C extends ChannelName
      ? (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
      : never;
  };
};

/**
 * `window.vault`: the channels, plus the shell's events where a shell sends them,
 * `jobs.onProgress` (the progress of the caller's long jobs) beside `jobs.cancel`, and in the
 * desktop app `files.saveExport` (the browser harness has none: the page downloads instead).
 */
export type VaultApi = Omit<VaultChannels, 'jobs'> & {
  readonly jobs: VaultChannels['jobs'] & Partial<VaultJobEvents>;
  readonly events?: VaultShellEvents;
  readonly files?: VaultFiles;
};

export type Invoke = (channel: ChannelName, input: unknown) => Promise<unknown>;

/** Builds the namespaced API object from a list of channel names and one transport. */
export function buildVaultApi(names: readonly ChannelName[], invoke: Invoke): VaultChannels {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of names) {
    const [ns, verb] = name.split('.') as [string, string];
    api[ns] ??= {};
    api[ns][verb] = (input: unknown) => invoke(name, input ?? {});
  }
  return api as unknown as VaultChannels;
}
