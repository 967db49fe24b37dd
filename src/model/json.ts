/** A JSON value: what `JSON.parse` can return. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A JSON object, as kept for fields the tracker passes through unchanged. */
export type JsonObject = { readonly [key: string]: JsonValue };
