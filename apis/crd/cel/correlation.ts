// Pairing a new value with its old value, for transition rules (oldSelf) and for ratcheting
// (apiserver/pkg/cel/common/maplist.go and equality.go). Object fields and map entries pair by
// name; list items pair only in x-kubernetes-list-type=map lists, by their key fields. Atomic and
// set lists have no pairing.

import { deepEqual } from '../../machinery/jsonEqual.js';
import { JSONSchema, additionalPropertiesOf, itemsOf } from './schema.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A map list's entries by key, the first of duplicates winning; undefined for other lists. */
export function mapListIndex(schema: JSONSchema, oldItems: unknown): ((item: unknown) => unknown) | undefined {
  const keys = schema['x-kubernetes-list-map-keys'] ?? [];
  if (schema.type !== 'array' || schema['x-kubernetes-list-type'] !== 'map' || keys.length === 0 || !Array.isArray(oldItems) || oldItems.length === 0) return undefined;
  const keyOf = (item: unknown): string | undefined => {
    if (!isObject(item)) return undefined;
    const parts: string[] = [];
    for (const k of keys) {
      const v = item[k];
      if (!(typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return undefined;
      parts.push(`${typeof v}:${String(v)}`);
    }
    return parts.join('\u0000');
  };
  const byKey = new Map<string, unknown>();
  for (const item of oldItems) {
    const k = keyOf(item);
    if (k !== undefined && !byKey.has(k)) byKey.set(k, item);
  }
  return (item) => {
    const k = keyOf(item);
    return k === undefined ? undefined : byKey.get(k);
  };
}

/** The old value of list item `item`, when the list pairs items (map lists). */
export function correlatedItem(schema: JSONSchema, oldList: unknown, item: unknown): unknown {
  return mapListIndex(schema, oldList)?.(item);
}

/**
 * A new value beside the old value it corresponds to (CorrelatedObject). Ratcheting asks whether a
 * node is unchanged; answers are cached as the tree is visited.
 */
export class Correlated {
  private equal: boolean | undefined;
  private readonly children = new Map<string | number, Correlated | undefined>();
  private oldByKey: ((item: unknown) => unknown) | undefined | null = null;

  constructor(
    readonly value: unknown,
    readonly old: unknown,
    readonly schema: JSONSchema,
  ) {}

  key(field: string): Correlated | undefined {
    if (this.children.has(field)) return this.children.get(field);
    let res: Correlated | undefined;
    if (isObject(this.value) && isObject(this.old) && field in this.value && field in this.old) {
      const sub = this.schema.properties?.[field] ?? additionalPropertiesOf(this.schema);
      if (sub) res = new Correlated(this.value[field], this.old[field], sub);
    }
    this.children.set(field, res);
    return res;
  }

  index(i: number): Correlated | undefined {
    if (this.children.has(i)) return this.children.get(i);
    let res: Correlated | undefined;
    const items = itemsOf(this.schema);
    if (Array.isArray(this.value) && i < this.value.length && items) {
      if (this.oldByKey === null) this.oldByKey = mapListIndex(this.schema, this.old);
      const old = this.oldByKey?.(this.value[i]);
      if (old !== undefined) res = new Correlated(this.value[i], old, items);
    }
    this.children.set(i, res);
    return res;
  }

  /** Whether the value equals its old value, comparing map lists by key (CachedDeepEqual). */
  unchanged(): boolean {
    if (this.equal === undefined) this.equal = this.compare();
    return this.equal;
  }

  private compare(): boolean {
    const [v, o] = [this.value, this.old];
    if ((v === null || v === undefined) && (o === null || o === undefined)) return true;
    if (v === null || v === undefined || o === null || o === undefined) return false;
    if (Array.isArray(v) !== Array.isArray(o) || isObject(v) !== isObject(o)) return false;
    if (Array.isArray(v) && Array.isArray(o)) {
      if (v.length !== o.length) return false;
      for (let i = 0; i < v.length; i++) {
        const c = this.index(i);
        if (!c) return this.schema['x-kubernetes-list-type'] === 'map' ? false : deepEqual(v, o);
        if (!c.unchanged()) return false;
      }
      return true;
    }
    if (isObject(v) && isObject(o)) {
      if (Object.keys(v).length !== Object.keys(o).length) return false;
      return Object.keys(v).every((k) => this.key(k)?.unchanged() ?? false);
    }
    return deepEqual(v, o);
  }
}
