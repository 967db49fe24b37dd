/**
 * Freezes a value and everything reachable from it that is not frozen yet.
 * States share their unchanged parts with the states before them, and those
 * are frozen already, so each new state costs only its new parts.
 *
 * Lists are walked by index and fields by `Object.keys`, and only values
 * that are objects are visited: a state is frozen on every input, so the
 * walk avoids listing the keys of id lists and calling itself for strings
 * and numbers.
 *
 * @internal
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    const list: readonly unknown[] = value;
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (typeof item === 'object' && item !== null) deepFreeze(item);
    }
    return value;
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const item = fields[key];
    if (typeof item === 'object' && item !== null) deepFreeze(item);
  }
  return value;
}
