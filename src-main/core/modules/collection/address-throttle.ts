// Failed link openings per client address: at most ADDRESS_MAX_FAILURES in ADDRESS_WINDOW_MS,
// then the address is refused until the oldest failure leaves the window. The phone service
// runs the attempts of one address one at a time, so check and record never interleave.
// Kept in memory (a restart forgets it; the per-link count, which bounds passcode guessing,
// is in the database).
export const ADDRESS_MAX_FAILURES = 20;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
const MAX_ADDRESSES = 10_000;

export function createAddressThrottle(now: () => number) {
  const failures = new Map<string, number[]>();

  function recent(address: string): number[] {
    const since = now() - ADDRESS_WINDOW_MS;
    const list = (failures.get(address) ?? []).filter((t) => t > since);
    if (list.length === 0) failures.delete(address);
    else failures.set(address, list);
    return list;
  }

  return {
    /** Whether the address has failed too often to try now. */
    refused: (address: string): boolean => recent(address).length >= ADDRESS_MAX_FAILURES,

    recordFailure(address: string): void {
      if (failures.size >= MAX_ADDRESSES) for (const a of [...failures.keys()]) recent(a);
      failures.set(address, [...recent(address), now()]);
    },
  };
}

export type AddressThrottle = ReturnType<typeof createAddressThrottle>;
