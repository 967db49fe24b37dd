/**
 * Turns untrusted values into the plain JSON the tracker passes through
 * (`raw`, `completion`, input details), so pass-through data can never carry
 * a prototype-polluting key, a cycle, a class instance, a hole or a
 * non-finite number.
 * Internal: not re-exported from any public entry point.
 */
import { join } from '../../internal/fields.js';
import type { JsonObject, JsonValue } from '../../model/json.js';
import type { ParseContext } from './context.js';
import { checkKey, get, isArrayAt, item, keysOf, prototypeOf, wrongType } from './guard.js';
import { checkCount, checkLength, listLength, tooDeep } from './read.js';

/**
 * Checks `value` as JSON and returns it.
 *
 * `level` is the number of objects and arrays that enclose `value`. When
 * `trusted` (the value came from this library's own `JSON.parse`), nothing is
 * copied: the value is only walked for the limits and forbidden keys. Values
 * handed over by callers are copied into fresh plain objects, dropping keys
 * whose value is `undefined`, so later changes by the caller cannot reach the
 * tracker. Every read of a caller's value is guarded: a getter or Proxy that
 * throws gives a typed error at its path.
 */
export function toJson(
  value: unknown,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
): JsonValue {
  switch (typeof value) {
    case 'string':
      return value.length <= ctx.maxStringLength ? value : checkLength(value, path, ctx);
    case 'number':
      // JSON.parse itself yields Infinity for literals such as 1e400.
      if (!Number.isFinite(value)) throw wrongType(path, 'a finite number', value);
      return value;
    case 'boolean':
      return value;
    case 'object':
      if (value === null) return null;
      if (level >= ctx.maxDepth) throw tooDeep(path, ctx);
      if (isArrayAt(value, path)) return toJsonArray(value, path, level, ctx, trusted);
      return toJsonObjectUnchecked(value, path, level, ctx, trusted);
    default:
      throw wrongType(path, 'a JSON value', value);
  }
}

function toJsonArray(
  list: readonly unknown[],
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
): JsonValue {
  if (trusted) {
    for (let i = 0; i < list.length; i++) toJson(list[i], join(path, i), level + 1, ctx, true);
    return list as JsonValue;
  }
  const length = listLength(list, path, ctx);
  const out: JsonValue[] = [];
  for (let i = 0; i < length; i++) {
    out.push(toJson(item(list, i, path), join(path, i), level + 1, ctx, false));
  }
  return out;
}

function toJsonObjectUnchecked(
  obj: object,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
): JsonObject {
  const fields = obj as { readonly [key: string]: unknown };
  if (trusted) {
    for (const key in fields) {
      checkKey(key, path);
      toJson(fields[key], join(path, key), level + 1, ctx, true);
    }
    return fields as JsonObject;
  }
  const proto = prototypeOf(obj, path);
  if (proto !== Object.prototype && proto !== null) {
    throw wrongType(path, 'a plain object', obj);
  }
  const keys = keysOf(obj, path);
  checkCount(keys.length, path, ctx, 'object');
  const out: Record<string, JsonValue> = {};
  for (const key of keys) {
    checkKey(key, path);
    const value = get(fields, key, path);
    if (value !== undefined) out[key] = toJson(value, join(path, key), level + 1, ctx, false);
  }
  return out;
}

/** Like {@link toJson}, for a value that must be an object. */
export function toJsonObject(
  value: unknown,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
): JsonObject {
  if (typeof value !== 'object' || value === null || isArrayAt(value, path)) {
    throw wrongType(path, 'an object', value);
  }
  if (level >= ctx.maxDepth) throw tooDeep(path, ctx);
  return toJsonObjectUnchecked(value, path, level, ctx, trusted);
}

/** Like {@link toJson}, for a list of objects (absent or `null` gives `[]`). */
export function toJsonObjectList(
  value: unknown,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
): readonly JsonObject[] {
  if (value === undefined || value === null) return [];
  if (!isArrayAt(value, path)) throw wrongType(path, 'an array', value);
  if (level >= ctx.maxDepth) throw tooDeep(path, ctx);
  const length = trusted ? value.length : listLength(value, path, ctx);
  const out: JsonObject[] = [];
  for (let i = 0; i < length; i++) {
    const element = trusted ? value[i] : item(value, i, path);
    out.push(toJsonObject(element, join(path, i), level + 1, ctx, trusted));
  }
  return out;
}

/**
 * A list of objects inside JSON that {@link toJson} has already checked:
 * only the shape is verified, nothing is walked again. Absent or `null`
 * gives `[]`.
 */
export function asObjectList(value: JsonValue | undefined, path: string): readonly JsonObject[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw wrongType(path, 'an array', value);
  const list: readonly JsonValue[] = value;
  for (let i = 0; i < list.length; i++) {
    const element = list[i];
    if (typeof element !== 'object' || element === null || Array.isArray(element)) {
      throw wrongType(join(path, i), 'an object', element);
    }
  }
  return list as readonly JsonObject[];
}
