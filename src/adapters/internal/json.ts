/**
 * Turns untrusted values into the plain JSON the tracker passes through
 * (`raw`, `completion`, input details), so pass-through data can never carry
 * a prototype-polluting key, a cycle, a class instance or a non-finite number.
 * Internal: not re-exported from any public entry point.
 */
import { checkKey, join, wrongType } from '../../internal/fields.js';
import type { JsonObject, JsonValue } from '../../model/json.js';
import type { ParseContext } from './context.js';
import { checkLength, tooDeep } from './read.js';

/**
 * Checks `value` as JSON and returns it.
 *
 * `level` is the number of objects and arrays that enclose `value`. When
 * `trusted` (the value came from this library's own `JSON.parse`), nothing is
 * copied: the value is only walked for the limits and forbidden keys. Values
 * handed over by callers are copied into fresh plain objects, dropping keys
 * whose value is `undefined`, so later changes by the caller cannot reach the
 * tracker.
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
      if (Array.isArray(value)) return toJsonArray(value, path, level, ctx, trusted);
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
  const out: JsonValue[] = [];
  for (let i = 0; i < list.length; i++) {
    out.push(toJson(list[i], join(path, i), level + 1, ctx, false));
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
  const proto: unknown = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) {
    throw wrongType(path, 'a plain object', obj);
  }
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(fields)) {
    checkKey(key, path);
    const item = fields[key];
    if (item !== undefined) out[key] = toJson(item, join(path, key), level + 1, ctx, false);
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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
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
  if (!Array.isArray(value)) throw wrongType(path, 'an array', value);
  if (level >= ctx.maxDepth) throw tooDeep(path, ctx);
  const list: readonly unknown[] = value;
  const out: JsonObject[] = [];
  for (let i = 0; i < list.length; i++) {
    out.push(toJsonObject(list[i], join(path, i), level + 1, ctx, trusted));
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
    const item = list[i];
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw wrongType(join(path, i), 'an object', item);
    }
  }
  return list as readonly JsonObject[];
}
