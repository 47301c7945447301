// JSON object data as CEL values, typed by the schema the way upstream's UnstructuredToVal types
// them: integers become int (bigint) even though JSON decoding made them doubles, int-or-string
// becomes int or string, date/date-time/duration/byte strings become timestamp/duration/bytes,
// objects with properties expose their properties under escaped names and drop null ones, and
// set/map lists remember how they compare. Converted values are cached per (data, schema) so the
// nested rules of one object do not convert the same subtree again.

import { celList, celMap, type CelInput, type CelList } from '@bufbuild/cel';
import { create } from '@bufbuild/protobuf';
import { DurationSchema, TimestampSchema } from '@bufbuild/protobuf/wkt';
import { escapeName } from '../escaping.js';
import { setListSemantics } from '../lib/equality.js';
import { JSONSchema, additionalPropertiesOf, itemsOf, withTypeAndObjectMeta } from '../schema.js';
import { instantFromNanos, parseDateTime, parseFullDate, parseGoDuration } from './time.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Converts values of one object, remembering what it converted. */
export class ValueConverter {
  private readonly cache = new WeakMap<object, Map<JSONSchema, CelInput>>();

  /** The CEL value of `value` under `schema`; `resourceRoot` adds apiVersion/kind/metadata. */
  convert(value: unknown, schema: JSONSchema | undefined, resourceRoot = false): CelInput {
    if (!schema) return this.generic(value);
    const s = resourceRoot || schema['x-kubernetes-embedded-resource'] ? withTypeAndObjectMeta(schema) : schema;
    if (typeof value !== 'object' || value === null) return this.scalar(value, s);
    let bySchema = this.cache.get(value);
    const hit = bySchema?.get(s);
    if (hit !== undefined) return hit;
    const out = Array.isArray(value) ? this.list(value, s) : this.object(value as Record<string, unknown>, s);
    if (!bySchema) this.cache.set(value, (bySchema = new Map()));
    bySchema.set(s, out);
    return out;
  }

  private scalar(value: unknown, s: JSONSchema): CelInput {
    if (value === null || value === undefined) return null;
    if (s['x-kubernetes-int-or-string']) return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : (value as CelInput);
    switch (s.type) {
      case 'integer':
        return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : this.generic(value);
      case 'number':
        return typeof value === 'bigint' ? Number(value) : this.generic(value);
      case 'string':
        return typeof value === 'string' ? formattedString(value, s.format) : this.generic(value);
      default:
        return this.generic(value);
    }
  }

  private list(items: unknown[], s: JSONSchema): CelInput {
    const itemSchema = s.type === 'array' ? itemsOf(s) : undefined;
    const list = celList(items.map((v) => this.convert(v, itemSchema)));
    const listType = s['x-kubernetes-list-type'];
    if (listType === 'set') setListSemantics(list, { kind: 'set' });
    if (listType === 'map') setListSemantics(list, { kind: 'map', keys: (s['x-kubernetes-list-map-keys'] ?? []).map((k) => escapeName(k) ?? k) });
    return list;
  }

  private object(obj: Record<string, unknown>, s: JSONSchema): CelInput {
    const entries = new Map<string, CelInput>();
    const addl = additionalPropertiesOf(s);
    if (s.type === 'object' && s.properties) {
      for (const [k, v] of Object.entries(obj)) {
        const prop = s.properties[k];
        if (!prop) {
          // Unknown fields stay (equality and size see them) but rules cannot name them.
          entries.set(k, this.generic(v));
          continue;
        }
        const name = escapeName(k);
        // A null property reads as absent, as upstream treats nullable fields of objects.
        if (name === undefined || v === null || v === undefined) continue;
        entries.set(name, this.convert(v, prop));
      }
    } else {
      for (const [k, v] of Object.entries(obj)) entries.set(k, s.type === 'object' && addl ? this.convert(v, addl) : this.generic(v));
    }
    return celMap(entries);
  }

  /** Data without schema (preserved unknown fields): JSON as CEL sees it. */
  generic(value: unknown): CelInput {
    if (value === null || value === undefined) return null;
    if (Array.isArray(value)) return celList(value.map((v) => this.generic(v))) as CelList;
    if (isPlainObject(value)) return celMap(new Map(Object.entries(value).map(([k, v]) => [k, this.generic(v)])));
    return value as CelInput;
  }
}

function formattedString(s: string, format: string | undefined): CelInput {
  switch (format) {
    case 'date-time':
    case 'date': {
      const t = format === 'date' ? parseFullDate(s) : parseDateTime(s);
      return t ? (create(TimestampSchema, t) as CelInput) : s;
    }
    case 'duration': {
      const n = parseGoDuration(s);
      return n === undefined ? s : (create(DurationSchema, instantFromNanos(n)) as CelInput);
    }
    case 'byte': {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return s;
      return new Uint8Array(Buffer.from(s, 'base64'));
    }
    default:
      return s;
  }
}
