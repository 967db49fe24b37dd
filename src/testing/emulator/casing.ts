/**
 * Conversion between the SDK's member names (`OutputGroups`) and the REST
 * JSON wire names (`outputGroups`). In the MediaConvert model every wire name
 * is the member name with a lowercase first letter; only the keys of a few
 * maps are the caller's own strings and must pass unchanged.
 */
import type { JsonObject, JsonValue } from '../../model/json.js';

/**
 * Members whose value is a map keyed by the caller's own names (the
 * `AudioSelectors` of an input, `UserMetadata`, `Tags`, ...). Their keys are
 * kept; their values are converted.
 */
const MAP_MEMBERS = new Set([
  'audioSelectorGroups',
  'audioSelectors',
  'captionSelectors',
  'dynamicAudioSelectors',
  'tags',
  'userMetadata',
]);

/** Keys that must never be copied into a fresh object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Case = 'wire' | 'sdk';

function recase(key: string, to: Case): string {
  const first = key.charAt(0);
  return (to === 'wire' ? first.toLowerCase() : first.toUpperCase()) + key.slice(1);
}

function convert(value: JsonValue, to: Case, keepKeys: boolean): JsonValue {
  if (Array.isArray(value)) return value.map((item: JsonValue) => convert(item, to, false));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, JsonValue> = {};
  for (const [key, inner] of Object.entries(value as JsonObject)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const name = keepKeys ? key : recase(key, to);
    const isMap = !keepKeys && MAP_MEMBERS.has(recase(key, 'wire'));
    out[name] = convert(inner, to, isMap);
  }
  return out;
}

/**
 * Renames SDK member names to wire names, deeply.
 *
 * @example
 * ```ts
 * toWireCase({ OutputGroups: [] }); // { outputGroups: [] }
 * ```
 */
export function toWireCase(value: JsonObject): JsonObject {
  return convert(value, 'wire', false) as JsonObject;
}

/**
 * Renames wire names to SDK member names, deeply.
 *
 * @example
 * ```ts
 * toSdkCase({ userMetadata: { assetId: 'a1' } }); // { UserMetadata: { assetId: 'a1' } }
 * ```
 */
export function toSdkCase(value: JsonObject): JsonObject {
  return convert(value, 'sdk', false) as JsonObject;
}

/**
 * Copies an unknown value into JSON, dropping `undefined` members, functions
 * and forbidden keys, and turning `Date`s into epoch seconds (the wire form
 * of MediaConvert timestamps). Returns `undefined` for what JSON cannot hold.
 *
 * @example
 * ```ts
 * toJson({ a: 1, b: undefined }); // { a: 1 }
 * ```
 */
export function toJson(value: unknown): JsonValue | undefined {
  if (value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) return Math.floor(value.getTime() / 1000);
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const item of value) {
      const json = toJson(item);
      if (json !== undefined) items.push(json);
    }
    return items;
  }
  if (typeof value !== 'object') return undefined;
  const out: Record<string, JsonValue> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const json = toJson(inner);
    if (json !== undefined) out[key] = json;
  }
  return out;
}
