/**
 * Shares equal strings between job states, so a fleet of many jobs keeps
 * one copy of the metadata values most of them repeat (a tenant, an
 * environment, a workflow name) instead of one per job.
 *
 * @internal
 */

/** How many distinct values are remembered before the table starts over. */
const TABLE_LIMIT = 2048;
/** Longer values are rarely repeated and are never shared. */
const MAX_SHARED_LENGTH = 64;

let table = new Map<string, string>();

/**
 * Returns the first-seen copy of a string equal to `value`, or `value`.
 * When the table is full it starts over: values already shared stay
 * shared, and the values seen from then on are remembered instead, so a
 * stream of unique values (asset ids) never stops the recurring ones from
 * being shared.
 *
 * @internal
 */
export function shareText(value: string): string {
  if (value.length > MAX_SHARED_LENGTH) return value;
  const known = table.get(value);
  if (known !== undefined) return known;
  if (table.size >= TABLE_LIMIT) table = new Map<string, string>();
  table.set(value, value);
  return value;
}
