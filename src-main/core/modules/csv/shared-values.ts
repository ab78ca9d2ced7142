// Values many rows of a file repeat (a family name, its reading, a date, a group, a list of
// attributes) held once for the whole file instead of once a row: a preview keeps every row
// until its commit, and each copy is memory the commit's heap carries.
const MAX_SHARED_VALUES = 20_000;
const MAX_SHARED_LENGTH = 32;
/** Lists of at most this many items are shared (a row's 属性). */
const MAX_SHARED_ITEMS = 8;

export interface SharedValues {
  /** The same string another row already holds, else the text itself (kept for the next rows). */
  text(text: string): string;
  /**
   * The same list another row already holds, frozen (rows share it: changing it would change
   * them all), else this list frozen and kept; a long list is given back as it is.
   */
  list<T extends string>(items: T[]): T[];
}

/** A file's shared values: at most MAX_SHARED_VALUES of each kind (the first ones met). */
export function createSharedValues(): SharedValues {
  const texts = new Map<string, string>();
  const lists = new Map<string, string[]>();
  return {
    text(text) {
      if (text.length > MAX_SHARED_LENGTH) return text;
      const known = texts.get(text);
      if (known !== undefined) return known;
      if (texts.size < MAX_SHARED_VALUES) texts.set(text, text);
      return text;
    },
    list<T extends string>(items: T[]): T[] {
      if (items.length > MAX_SHARED_ITEMS) return items;
      // NUL never appears in a cleaned cell (a control character is a problem of its own); the
      // count first, or [] and [''] would meet.
      const key = `${items.length}\u0000${items.join('\u0000')}`;
      if (key.length > MAX_SHARED_LENGTH * MAX_SHARED_ITEMS) return items;
      const known = lists.get(key);
      if (known !== undefined) return known as T[];
      const kept = Object.freeze(items.slice()) as T[];
      if (lists.size < MAX_SHARED_VALUES) lists.set(key, kept);
      return kept;
    },
  };
}

/** No sharing (a single row prepared on its own). */
export const UNSHARED: SharedValues = { text: (text) => text, list: (items) => items };
