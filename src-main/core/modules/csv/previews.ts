// Previews waiting for their commit: in memory only, never on disk. Each belongs to the
// session and user that made it (anyone else asking gets nothing, as for an id that never
// was), lasts PREVIEW_TTL_MS, and a session holds one at a time; at most MAX_PREVIEWS are
// kept, the oldest dropped first. Numbers inside are sealed (import-service.ts).

export const PREVIEW_TTL_MS = 30 * 60_000;
export const MAX_PREVIEWS = 4;

export interface PreviewOwner {
  sessionKey: string;
  userId: string;
}

interface Entry<T> {
  owner: PreviewOwner;
  createdAt: number;
  value: T;
}

export function createPreviewStore<T>(now: () => number, { ttlMs = PREVIEW_TTL_MS, max = MAX_PREVIEWS } = {}) {
  const entries = new Map<string, Entry<T>>();

  function prune() {
    const t = now();
    for (const [id, e] of entries) if (t - e.createdAt >= ttlMs) entries.delete(id);
  }

  return {
    /** Keeps `value` under `id` for its owner, replacing that session's earlier preview. */
    put(id: string, owner: PreviewOwner, value: T): void {
      prune();
      for (const [other, e] of entries) if (e.owner.sessionKey === owner.sessionKey) entries.delete(other);
      while (entries.size >= max) entries.delete(entries.keys().next().value!);
      entries.set(id, { owner, createdAt: now(), value });
    },
    /** The preview, removed (a commit uses it once); null when gone, expired or someone else's. */
    take(id: string, owner: PreviewOwner): T | null {
      prune();
      const e = entries.get(id);
      if (!e || e.owner.sessionKey !== owner.sessionKey || e.owner.userId !== owner.userId) return null;
      entries.delete(id);
      return e.value;
    },
    /** Whether the preview is there for this owner (left in place). */
    has(id: string, owner: PreviewOwner): boolean {
      prune();
      const e = entries.get(id);
      return !!e && e.owner.sessionKey === owner.sessionKey && e.owner.userId === owner.userId;
    },
    size: () => entries.size,
  };
}

export type PreviewStore<T> = ReturnType<typeof createPreviewStore<T>>;
