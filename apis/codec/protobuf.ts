// Kubernetes protobuf request bodies (kubectl 1.32+ typed clients): the "k8s\0" envelope around a
// runtime.Unknown, whose `raw` is the object's message. Messages are built at run time from the
// catalogue (field numbers and types), so no code is generated; the decoded message is turned
// into the JSON kube-apiserver would have seen (omitempty, special wire types, inline structs).

import protobuf from 'protobufjs';
import { Catalogue } from '../catalogue.js';
import { errors } from '../errors.js';
import { FieldDef, SCALARS, TypeDef, jsonNameOf } from '../schema/model.js';
import { TypeRegistry } from '../schema/registry.js';
import { formatGoDuration } from './goDuration.js';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

interface Built {
  root: protobuf.Root;
}

const built = new WeakMap<TypeRegistry, Built>();

/** Builds protobufjs types for every catalogue type that has field numbers. */
function build(registry: TypeRegistry): Built {
  let b = built.get(registry);
  if (b) return b;
  const root = new protobuf.Root();
  for (const t of registry.allTypes()) {
    const full = registry.protoName(t.id);
    if (!full || t.fields.some((f) => f.number === undefined)) continue;
    const type = new protobuf.Type(t.name);
    for (const f of t.fields) {
      const valueType = SCALARS.has(f.type) ? f.type : `.${registry.protoName(f.type)}`;
      const protoName = f.protoName ?? f.name;
      if (f.map) type.add(new protobuf.MapField(protoName, f.number!, 'string', valueType));
      else type.add(new protobuf.Field(protoName, f.number!, valueType, f.repeated ? 'repeated' : 'optional'));
    }
    root.define(full.slice(0, full.lastIndexOf('.'))).add(type);
  }
  root.resolveAll();
  b = { root };
  built.set(registry, b);
  return b;
}

/** The protobufjs message type of a catalogue type (for encoding in tests and responses). */
export function protobufType(registry: TypeRegistry, id: string): protobuf.Type {
  return lookup(registry, id);
}

/** Wraps a message in the "k8s\0" + runtime.Unknown envelope. */
export function encodeEnvelope(registry: TypeRegistry, apiVersion: string, kind: string, raw: Uint8Array): Buffer {
  const u = lookup(registry, 'runtime:Unknown');
  return Buffer.concat([MAGIC, Buffer.from(u.encode(u.fromObject({ typeMeta: { apiVersion, kind }, raw, contentEncoding: '', contentType: '' })).finish())]);
}

function lookup(registry: TypeRegistry, id: string): protobuf.Type {
  const name = registry.protoName(id);
  if (!name) throw errors.unsupportedMediaType(['application/json', 'application/yaml']);
  return build(registry).root.lookupType(name);
}

/** The catalogue type for an apiVersion/kind in a protobuf envelope. */
function typeFor(catalogue: Catalogue, apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return catalogue.typeOfKind(group, version, kind);
}

type Decoded = Record<string, unknown>;

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false || (typeof v === 'string' && v.length === 0);
}

function timeToJson(m: Decoded, micro: boolean): string | null {
  const seconds = Number(m.seconds ?? 0);
  const nanos = Number(m.nanos ?? 0);
  if (seconds === 0 && nanos === 0) return null;
  const base = new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  return micro ? `${base}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${base}Z`;
}

function rawJson(v: unknown): unknown {
  if (typeof v !== 'string' || v === '') return undefined;
  try {
    return JSON.parse(Buffer.from(v, 'base64').toString('utf8'));
  } catch {
    throw errors.badRequest('protobuf body holds an embedded object that is not JSON');
  }
}

function special(t: TypeDef, m: Decoded): unknown {
  switch (t.json) {
    case 'time':
      return timeToJson(m, false);
    case 'microtime':
      return timeToJson(m, true);
    case 'quantity':
      return m.string ?? '0';
    case 'intorstring':
      return Number(m.type ?? 0) === 1 ? (m.strVal ?? '') : Number(m.intVal ?? 0);
    case 'duration':
      return formatGoDuration(Number(m.duration ?? 0));
    case 'rawextension':
    case 'json':
      return rawJson(m.raw);
    case 'fieldsv1':
      return rawJson(m.Raw);
    case 'stringlist':
      return (m.items as unknown[]) ?? [];
    default:
      return undefined;
  }
}

class ToJson {
  constructor(private readonly registry: TypeRegistry) {}

  private value(f: FieldDef, v: unknown): unknown {
    if (SCALARS.has(f.type)) return f.type === 'int64' ? Number(v) : v;
    const t = this.registry.get(f.type);
    if (t.json) return special(t, v as Decoded);
    return this.object(t, v as Decoded);
  }

  object(t: TypeDef, m: Decoded, out: Decoded = {}): Decoded {
    for (const f of t.fields) {
      const v = m[f.protoName ?? f.name];
      if (v === undefined || v === null) continue;
      if (f.inline) {
        this.object(this.registry.get(f.type), v as Decoded, out);
        continue;
      }
      let json: unknown;
      if (f.repeated) json = (v as unknown[]).map((x) => this.value(f, x));
      else if (f.map) json = Object.fromEntries(Object.entries(v as Decoded).map(([k, x]) => [k, this.value(f, x)]));
      else {
        if (SCALARS.has(f.type) && isZero(v) && !f.pointer && !f.keepZero) continue;
        json = this.value(f, v);
      }
      if (json !== undefined) out[jsonNameOf(f)] = json;
    }
    return out;
  }
}

/** Decodes a "k8s\0" protobuf body into the object's JSON form (with apiVersion and kind). */
export function decodeProtobufObject(buf: Buffer, catalogue: Catalogue): Record<string, unknown> {
  if (buf.length < 4 || !buf.subarray(0, 4).equals(MAGIC)) {
    throw errors.badRequest('provided protobuf is not a Kubernetes object: missing the "k8s\\x00" prefix');
  }
  const registry = catalogue.types;
  let unknown: Decoded;
  try {
    const u = lookup(registry, 'runtime:Unknown');
    unknown = u.toObject(u.decode(buf.subarray(4))) as Decoded;
  } catch (e) {
    throw errors.badRequest(`unable to decode protobuf body: ${(e as Error).message}`);
  }
  const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const apiVersion = typeMeta.apiVersion ?? '';
  const kind = typeMeta.kind ?? '';
  if ((unknown.contentEncoding as string | undefined) && unknown.contentEncoding !== '') {
    throw errors.badRequest(`unsupported protobuf content encoding "${unknown.contentEncoding}"`);
  }
  const id = typeFor(catalogue, apiVersion, kind);
  if (!id) throw errors.badRequest(`no kind "${kind}" is registered for version "${apiVersion}"`);
  const type = lookup(registry, id);
  let message: Decoded;
  try {
    const raw = (unknown.raw as Buffer | undefined) ?? Buffer.alloc(0);
    message = type.toObject(type.decode(raw), { longs: Number, bytes: String, defaults: false }) as Decoded;
  } catch (e) {
    throw errors.badRequest(`unable to decode protobuf ${kind}: ${(e as Error).message}`);
  }
  const json = new ToJson(registry).object(registry.get(id), message);
  return { apiVersion, kind, ...json };
}
