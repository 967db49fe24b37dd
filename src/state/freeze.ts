/**
 * Freezes a value and everything reachable from it that is not frozen yet.
 * States share their unchanged parts with the states before them, and those
 * are frozen already, so each new state costs only its new parts.
 *
 * @internal
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) {
    deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
