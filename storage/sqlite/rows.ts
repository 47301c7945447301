// StoredObject and ChangeEvent values: they carry the JSON text as read from SQLite and parse it
// only when `object` (or `prev`) is first read, once per value. A list of 10,000 objects that is
// streamed out as text therefore never parses anything.

import type { ChangeEvent, EventType, JsonObject, ObjectKey, StoredObject } from '../store.js';

export class LazyStoredObject implements StoredObject {
  #object: JsonObject | undefined;

  constructor(
    readonly key: ObjectKey,
    readonly rv: number,
    readonly json: string,
  ) {}

  get object(): JsonObject {
    return (this.#object ??= JSON.parse(this.json) as JsonObject);
  }
}

export class LazyChangeEvent implements ChangeEvent {
  #object: JsonObject | undefined;
  #prev: JsonObject | undefined;
  readonly #prevJson: string | undefined;

  constructor(
    readonly type: EventType,
    readonly key: ObjectKey,
    readonly rv: number,
    readonly json: string,
    prevJson: string | undefined,
  ) {
    this.#prevJson = prevJson;
  }

  get object(): JsonObject {
    return (this.#object ??= JSON.parse(this.json) as JsonObject);
  }

  get prev(): JsonObject | undefined {
    if (this.#prevJson === undefined) return undefined;
    return (this.#prev ??= JSON.parse(this.#prevJson) as JsonObject);
  }

  /** The previous state's JSON text, when known (for callers that forward text). */
  get prevJson(): string | undefined {
    return this.#prevJson;
  }
}

export function formatKey(k: ObjectKey): string {
  return `${k.cluster}|${k.resource}|${k.namespace ? `${k.namespace}/` : ''}${k.name}`;
}
