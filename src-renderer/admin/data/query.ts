// Data fetching through TanStack Query: a query per channel and input (its key), mutations
// that invalidate the namespaces they change. Reads are audited by the core, so nothing is
// fetched behind the user's back: no refetch on focus or reconnect, no retries.
// A My Number is never read through a query (mynumber.reveal is a plain `call`): a cache must
// not hold it.
import { useCallback } from 'react';
import { QueryClient, useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { ChannelName } from '../../../src-shared/access';
import type { ChannelInput, ChannelOutput } from '../../../src-shared/contract';
import { call } from '../api';

type Namespace = ChannelName extends `${infer N}.${string}` ? N : never;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: 0 },
      mutations: { retry: false },
    },
  });
}

/** [namespace, channel, input]: invalidating a namespace refetches every query of it. */
export function vaultQueryKey<C extends ChannelName>(channel: C, input: ChannelInput<C>) {
  return [channel.split('.')[0] as Namespace, channel, input] as const;
}

type QueryOptions<C extends ChannelName> = Omit<UseQueryOptions<ChannelOutput<C>, Error, ChannelOutput<C>, ReturnType<typeof vaultQueryKey<C>>>, 'queryKey' | 'queryFn'>;

export function useVaultQuery<C extends ChannelName>(channel: C, input: ChannelInput<C>, options: QueryOptions<C> = {}) {
  return useQuery({ queryKey: vaultQueryKey(channel, input), queryFn: () => call(channel, input), ...options });
}

export interface VaultMutationOptions {
  /** The namespaces whose queries are stale once this call has succeeded. */
  invalidates?: readonly Namespace[];
}

export interface VaultMutation<C extends ChannelName> {
  /** Calls the channel; once it succeeded, the queries of `invalidates` are read again before this resolves. */
  send(input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  isPending: boolean;
}

/**
 * A change. What was sent and what came back are forgotten as soon as the call settles (a
 * password, a code, a number, a recovery code): the answer goes to the caller only.
 */
export function useVaultMutation<C extends ChannelName>(channel: C, { invalidates = [] }: VaultMutationOptions = {}): VaultMutation<C> {
  const client = useQueryClient();
  const { mutateAsync, reset, isPending } = useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSuccess: async () => {
      await Promise.all(invalidates.map((namespace) => client.invalidateQueries({ queryKey: [namespace] })));
    },
    gcTime: 0,
  });
  const send = useCallback(
    async (input: ChannelInput<C>) => {
      try {
        return await mutateAsync(input);
      } finally {
        reset();
      }
    },
    [mutateAsync, reset],
  );
  return { send, isPending };
}
