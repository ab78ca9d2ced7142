// Moving one row of an ordered list (groups, attributes) up or down: the `sortOrder` values to
// send so that the core's order (sortOrder, then name) becomes the wanted one. The rows are
// numbered 10, 20, 30 … in the new order, and only rows whose number changes are sent, so
// on a list already numbered that way a swap sends two updates.

export interface Ordered {
  id: string;
  sortOrder: number;
}

/** The gap between two neighbours' numbers. */
export const SORT_STEP = 10;

/**
 * The updates that move `rows[from]` to position `to` (both within the list; rows in their
 * current display order). Empty when nothing moves.
 */
export function reorderUpdates<T extends Ordered>(rows: readonly T[], from: number, to: number): { id: string; sortOrder: number }[] {
  if (from === to || from < 0 || to < 0 || from >= rows.length || to >= rows.length) return [];
  const next = [...rows];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next.flatMap((row, index) => {
    const sortOrder = (index + 1) * SORT_STEP;
    return row.sortOrder === sortOrder ? [] : [{ id: row.id, sortOrder }];
  });
}
