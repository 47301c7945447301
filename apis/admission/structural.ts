// Decoding an object against its catalogue type, as kube-apiserver's JSON decoding into Go
// structs does: unknown fields are reported (for fieldValidation=Strict/Warn) and dropped, values
// of the wrong JSON type are decode errors (400), nulls become absent fields, and special forms
// (times, quantities, int-or-strings, bytes) are checked and normalised.

import { FieldDef, SCALARS } from '../schema/model.js';
import { TypeRegistry } from '../schema/registry.js';
import { canonicalQuantity, QUANTITY_REGEX_TEXT } from '../machinery/quantity.js';

export interface DecodeIssues {
  /** Paths of unknown fields, like "spec.template.spec.containers[0].foo". */
  unknown: string[];
  /** Decode errors in upstream wording ("json: cannot unmarshal string into Go struct field ..."). */
  errors: string[];
}

const GO_TYPE: Record<string, string> = { string: 'string', int32: 'int32', int64: 'int64', bool: 'bool', double: 'float64', bytes: '[]uint8' };
const INT32 = 2 ** 31;

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** RFC 3339 at second precision in UTC, as metav1.Time marshals. */
export function normalizeTime(v: string, micro: boolean): string | undefined {
  if (!RFC3339.test(v)) return undefined;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return undefined;
  if (!micro) return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const frac = /\.(\d+)/.exec(v)?.[1] ?? '';
  const base = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${base}.${(frac + '000000').slice(0, 6)}Z`;
}

class Walker {
  readonly issues: DecodeIssues = { unknown: [], errors: [] };

  constructor(private readonly registry: TypeRegistry) {}

  private typeError(got: string, parentType: string, path: string, want: string): void {
    this.issues.errors.push(`json: cannot unmarshal ${got} into Go struct field ${parentType}.${path} of type ${want}`);
  }

  /** Returns the decoded value, or undefined to drop it. */
  value(f: FieldDef, v: unknown, path: string, parentType: string): unknown {
    if (v === null) return undefined;
    if (f.repeated) {
      if (!Array.isArray(v)) {
        this.typeError(jsonKind(v), parentType, path, `[]${this.goName(f.type)}`);
        return undefined;
      }
      // Go's encoder drops empty omitempty slices.
      if (v.length === 0 && !f.keepZero) return undefined;
      return v.map((item, i) => this.single(f, item, `${path}[${i}]`, parentType) ?? this.zero(f.type));
    }
    if (f.map) {
      if (jsonKind(v) !== 'object') {
        this.typeError(jsonKind(v), parentType, path, `map[string]${this.goName(f.type)}`);
        return undefined;
      }
      const out: Record<string, unknown> = {};
      if (Object.keys(v as object).length === 0 && !f.keepZero) return undefined; // omitempty drops empty maps
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        const d = this.single(f, item, `${path}[${k}]`, parentType);
        out[k] = d === undefined ? this.zero(f.type) : d;
      }
      return out;
    }
    return this.single(f, v, path, parentType);
  }

  private goName(type: string): string {
    return GO_TYPE[type] ?? type.slice(type.indexOf(':') + 1);
  }

  private zero(type: string): unknown {
    if (type === 'string' || type === 'bytes') return '';
    if (type === 'bool') return false;
    if (SCALARS.has(type)) return 0;
    return this.registry.isStruct(type) ? {} : null;
  }

  private single(f: FieldDef, v: unknown, path: string, parentType: string): unknown {
    if (v === null) return undefined;
    if (SCALARS.has(f.type)) return this.scalar(f.type, v, path, parentType);
    const t = this.registry.get(f.type);
    if (!t.json) {
      if (jsonKind(v) !== 'object') {
        this.typeError(jsonKind(v), parentType, path, t.name);
        return undefined;
      }
      return this.object(f.type, v as Record<string, unknown>, path);
    }
    switch (t.json) {
      case 'time':
      case 'microtime': {
        if (typeof v !== 'string') {
          this.typeError(jsonKind(v), parentType, path, t.name);
          return undefined;
        }
        const n = normalizeTime(v, t.json === 'microtime');
        if (!n) this.issues.errors.push(`parsing time "${v}" as "2006-01-02T15:04:05Z07:00": cannot parse "${v}" as "2006"`);
        return n;
      }
      case 'quantity': {
        if (typeof v !== 'string' && typeof v !== 'number') {
          this.typeError(jsonKind(v), parentType, path, 'Quantity');
          return undefined;
        }
        const q = canonicalQuantity(String(v));
        if (q === undefined) this.issues.errors.push(`quantities must match the regular expression '${QUANTITY_REGEX_TEXT}'`);
        return q;
      }
      case 'intorstring':
        if (typeof v === 'number' && Number.isInteger(v)) return v;
        if (typeof v === 'string') return v;
        this.typeError(jsonKind(v), parentType, path, 'IntOrString');
        return undefined;
      case 'duration':
        if (typeof v !== 'string') this.typeError(jsonKind(v), parentType, path, 'Duration');
        return typeof v === 'string' ? v : undefined;
      case 'stringlist':
        if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
          this.typeError(jsonKind(v), parentType, path, '[]string');
          return undefined;
        }
        return v;
      case 'rawextension':
      case 'fieldsv1':
        if (jsonKind(v) !== 'object') {
          this.typeError(jsonKind(v), parentType, path, t.name);
          return undefined;
        }
        return v;
      default:
        return v; // json / opaque: any JSON value
    }
  }

  private scalar(type: string, v: unknown, path: string, parentType: string): unknown {
    const kind = jsonKind(v);
    switch (type) {
      case 'string':
        if (typeof v === 'string') return v;
        break;
      case 'bool':
        if (typeof v === 'boolean') return v;
        break;
      case 'int32':
      case 'int64':
        if (typeof v === 'number') {
          if (Number.isInteger(v) && (type === 'int64' || (v >= -INT32 && v < INT32))) return v;
          this.issues.errors.push(`json: cannot unmarshal number ${v} into Go struct field ${parentType}.${path} of type ${type}`);
          return undefined;
        }
        break;
      case 'double':
        if (typeof v === 'number') return v;
        break;
      case 'bytes':
        if (typeof v === 'string') {
          if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) {
            this.issues.errors.push(`illegal base64 data at input byte ${Math.max(0, v.search(/[^A-Za-z0-9+/=]/))}`);
            return undefined;
          }
          return v;
        }
        break;
    }
    this.typeError(kind === 'number' ? 'number' : kind, parentType, path, GO_TYPE[type]);
    return undefined;
  }

  /** Decodes an object of catalogue type `typeId` in place: drops unknown and null fields. */
  object(typeId: string, obj: Record<string, unknown>, path: string, root = false): Record<string, unknown> {
    const t = this.registry.get(typeId);
    const fields = this.registry.jsonFields(typeId);
    for (const key of Object.keys(obj)) {
      if (root && (key === 'apiVersion' || key === 'kind')) continue;
      const f = fields.get(key);
      const p = path ? `${path}.${key}` : key;
      if (!f) {
        if (t.preserveUnknown) continue;
        this.issues.unknown.push(p);
        delete obj[key];
        continue;
      }
      const d = this.value(f, obj[key], p, t.name);
      if (d === undefined) delete obj[key];
      else obj[key] = d;
    }
    return obj;
  }
}

/**
 * Decodes `obj` (a parsed JSON object of catalogue type `typeId`) in place and returns what was
 * wrong with it. Unknown fields are removed; decode errors leave the object unusable.
 */
export function decodeStructural(registry: TypeRegistry, typeId: string, obj: Record<string, unknown>): DecodeIssues {
  const w = new Walker(registry);
  w.object(typeId, obj, '', true);
  return w.issues;
}
