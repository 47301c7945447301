// OpenAPI v2 (Swagger 2.0): the /openapi/v2 document of a catalogue, every group-version in one
// document like kube-apiserver's. kubectl 1.27/1.28 load it (as gnostic protobuf, see gnostic.ts)
// before apply, create -f, replace, diff, edit and explain; they read the PATCH operation's
// x-kubernetes-group-version-kind, its fieldValidation parameter and `consumes` (which patch type
// client-side apply sends), and the definitions' GVKs and x-kubernetes-patch-* extensions.
//
// Operations are the v3 ones (v3.ts), converted: parameters lose their `schema` wrapper, a request
// body becomes the `body` parameter plus `consumes`, response content becomes `schema` plus
// `produces`. Definitions come from schemas.ts in the v2 flavor, with the GVKs of every group-version.

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Catalogue, builtinCatalogue } from '../catalogue.js';
import { discoverableGroup } from '../discovery.js';
import { customListSchema, customObjectSchema } from './custom.js';
import { KUBERNETES_VERSION } from '../version.js';
import { encodeDocument } from './gnostic.js';
import { GVK, Schema, SchemaFlavor, closure, listSchema, typeSchema } from './schemas.js';
import { buildGroupVersionDoc, schemaNames } from './v3.js';

const FLAVOR: SchemaFlavor = { refPrefix: '#/definitions/', wrapRefs: false };
const V3_PREFIX = '#/components/schemas/';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const META_KINDS = ['meta/v1:Status', 'meta/v1:DeleteOptions', 'meta/v1:WatchEvent'];

/** What kubectl ≤1.28 asks for, and the (dotted) form the response must carry: Go's mime parser rejects the "@". */
export const OPENAPI_V2_PROTOBUF_ACCEPT = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
export const OPENAPI_V2_PROTOBUF_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
export const OPENAPI_V2_JSON_TYPE = 'application/json';
export const OPENAPI_V2_MEDIA_TYPES = [OPENAPI_V2_JSON_TYPE, OPENAPI_V2_PROTOBUF_ACCEPT, OPENAPI_V2_PROTOBUF_TYPE];

// ---- schemas ---------------------------------------------------------------------------------

/**
 * A schema in Swagger 2.0 terms: v3 refs renamed, an allOf around a single $ref unwrapped (v2
 * allows siblings of $ref), and the keywords v2 lacks dropped. IntOrString and Quantity become
 * strings as kube-apiserver publishes them (kubectl's v2 validator lets a string take numbers).
 */
export function v2Schema(s: Schema): Schema {
  if (!s || typeof s !== 'object') return s;
  let out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    switch (k) {
      case '$ref':
        out.$ref = typeof v === 'string' && v.startsWith(V3_PREFIX) ? FLAVOR.refPrefix + v.slice(V3_PREFIX.length) : v;
        break;
      case 'properties':
        out.properties = Object.fromEntries(Object.entries(v as Schema).map(([n, p]) => [n, v2Schema(p)]));
        break;
      case 'items':
        out.items = Array.isArray(v) ? v.map(v2Schema) : v2Schema(v);
        break;
      case 'additionalProperties':
        out.additionalProperties = typeof v === 'object' ? v2Schema(v) : v;
        break;
      case 'allOf':
        out.allOf = (v as Schema[]).map(v2Schema);
        break;
      case 'oneOf':
      case 'anyOf':
      case 'not':
      case 'nullable':
        break;
      default:
        out[k] = v;
    }
  }
  if (Array.isArray(out.allOf) && out.allOf.length === 1 && out.allOf[0].$ref && Object.keys(out.allOf[0]).length === 1) {
    const { allOf, ...rest } = out;
    out = { ...rest, $ref: allOf[0].$ref };
  }
  const alternatives: Schema[] | undefined = s.oneOf ?? s.anyOf;
  if (alternatives && out.type === undefined && !out.$ref) {
    if (out.format === 'int-or-string' || alternatives.some((a) => a.type === 'string')) out.type = 'string';
  }
  return out;
}

// ---- paths: the v3 operations, in v2 form ----------------------------------------------------

function v2Parameter(p: Schema): Schema {
  if (p.$ref) return { $ref: String(p.$ref).replace('#/components/parameters/', '#/parameters/') };
  const { schema, ...rest } = p;
  const out: Schema = { ...rest };
  for (const [k, v] of Object.entries(schema ? v2Schema(schema) : {})) if (!(k in out)) out[k] = v;
  return out;
}

/** The media types and schema of a v3 content map. */
function fromContent(content: Schema | undefined): { media: string[]; schema?: Schema } {
  if (!content) return { media: [] };
  const media = Object.keys(content);
  const first = media.map((m) => content[m]?.schema).find(Boolean);
  return { media, schema: first ? v2Schema(first) : undefined };
}

function v2Operation(op: Schema): Schema {
  const body = op.requestBody ? fromContent(op.requestBody.content) : undefined;
  const produces = new Set<string>();
  const responses: Schema = {};
  for (const [code, r] of Object.entries(op.responses ?? {}) as Array<[string, Schema]>) {
    const c = fromContent(r.content);
    for (const m of c.media) produces.add(m);
    responses[code] = { description: r.description ?? '', ...(c.schema ? { schema: c.schema } : {}) };
  }
  const out: Schema = {};
  if (op.description) out.description = op.description;
  out.consumes = body?.media.length ? body.media : ['*/*'];
  if (produces.size) out.produces = [...produces];
  out.schemes = ['https'];
  if (op.tags) out.tags = op.tags;
  if (op.operationId) out.operationId = op.operationId;
  const params: Schema[] = [];
  if (op.requestBody) params.push({ name: 'body', in: 'body', ...(op.requestBody.required ? { required: true } : {}), schema: body?.schema ?? { type: 'object' } });
  for (const p of op.parameters ?? []) params.push(v2Parameter(p));
  if (params.length) out.parameters = params;
  out.responses = responses;
  for (const [k, v] of Object.entries(op)) if (k.startsWith('x-')) out[k] = v;
  return out;
}

function v2PathItem(item: Schema): Schema {
  const out: Schema = {};
  for (const m of METHODS) if (item[m]) out[m] = v2Operation(item[m]);
  if (item.parameters?.length) out.parameters = item.parameters.map(v2Parameter);
  for (const [k, v] of Object.entries(item)) if (k.startsWith('x-')) out[k] = v;
  return out;
}

// ---- the document ----------------------------------------------------------------------------

const sortedKeys = (o: Schema): Schema => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * A workspace's document: the built-in document (built once for every workspace) plus the paths
 * and definitions of the workspace's custom resources.
 */
function withCustomResources(base: Schema, c: Catalogue): Schema {
  const paths: Schema = { ...base.paths };
  const definitions: Schema = { ...base.definitions };
  for (const found of c.groups()) {
    const g = discoverableGroup(found);
    for (const v of g?.versions ?? []) {
      const custom = v.resources.filter((r) => r.custom);
      if (!custom.length) continue;
      const doc = buildGroupVersionDoc(c, g!.name, v.version) as Schema | undefined;
      for (const [p, item] of Object.entries(doc?.paths ?? {})) paths[p] = v2PathItem(item as Schema);
      for (const r of custom) {
        const { objName, listName } = schemaNames(c, r);
        definitions[objName] = customObjectSchema(r, FLAVOR, 'v2');
        definitions[listName] = customListSchema(r, FLAVOR);
      }
    }
  }
  return { ...base, paths: sortedKeys(paths), definitions: sortedKeys(definitions) };
}

/** The Swagger 2.0 document of a whole catalogue. */
export function buildSwaggerDoc(c: Catalogue): Schema {
  const builtin = builtinCatalogue();
  if (c !== builtin && [...c.allResources()].some((r) => r.custom)) return withCustomResources(openapiV2(builtin).document(), c);
  const paths: Schema = {};
  for (const g of c.groups()) {
    for (const v of g.versions) {
      const doc = buildGroupVersionDoc(c, g.name, v.version) as Schema | undefined;
      for (const [p, item] of Object.entries(doc?.paths ?? {})) paths[p] = v2PathItem(item as Schema);
    }
  }

  const gvks = new Map<string, GVK[]>();
  const addGVK = (type: string, g: GVK): void => {
    const list = gvks.get(type) ?? [];
    if (!list.some((x) => x.group === g.group && x.version === g.version && x.kind === g.kind)) list.push(g);
    gvks.set(type, list);
  };
  const roots = ['meta/v1:Status', 'meta/v1:DeleteOptions', 'meta/v1:Patch', 'meta/v1:WatchEvent'];
  const lists = new Map<string, Schema>();
  for (const g of c.groups()) {
    for (const v of g.versions) {
      for (const r of v.resources) {
        roots.push(r.type);
        addGVK(r.type, { group: r.group, version: r.version, kind: r.kind });
        for (const x of r.subresources ?? []) {
          const t = c.typeOfKind(x.group, x.version, x.kind);
          if (!t) continue;
          roots.push(t);
          addGVK(t, { group: x.group, version: x.version, kind: x.kind });
        }
        if (r.scale) {
          roots.push('autoscaling/v1:Scale');
          addGVK('autoscaling/v1:Scale', { group: 'autoscaling', version: 'v1', kind: 'Scale' });
        }
        const objName = c.types.openapiName(r.type);
        lists.set(`${objName.slice(0, objName.lastIndexOf('.'))}.${r.listKind}`, listSchema(c.types, FLAVOR, r.type, { group: r.group, version: r.version, kind: r.listKind }));
      }
      for (const meta of META_KINDS) addGVK(meta, { group: g.name, version: v.version, kind: meta.slice(meta.indexOf(':') + 1) });
    }
  }
  const definitions: Schema = {};
  for (const id of closure(c.types, roots)) definitions[c.types.openapiName(id)] = v2Schema(typeSchema(c.types, FLAVOR, c.types.get(id), gvks.get(id) ?? []));
  for (const [name, s] of lists) definitions[name] = v2Schema(s);

  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION.gitVersion },
    paths: sortedKeys(paths),
    definitions: sortedKeys(definitions),
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', type: 'apiKey', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
}

// ---- serving ---------------------------------------------------------------------------------

export type OpenAPIv2Format = 'json' | 'protobuf';

/** The representation an Accept header asks for, or undefined (406) when neither is acceptable. */
export function openapiV2Format(accept: string | undefined): OpenAPIv2Format | undefined {
  if (!accept?.trim()) return 'json';
  const ranges = accept
    .split(',')
    .map((part, i) => {
      const [type, ...params] = part.split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)).find(Boolean);
      return { type: type.trim().toLowerCase(), q: q ? Number(q[1]) : 1, i };
    })
    .filter((r) => r.type && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { type } of ranges) {
    if (type === OPENAPI_V2_PROTOBUF_ACCEPT || type === OPENAPI_V2_PROTOBUF_TYPE) return 'protobuf';
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return 'json';
  }
  return undefined;
}

export interface OpenAPIv2Representation {
  body: Buffer;
  contentType: string;
  /** Quoted strong ETag: the SHA-512 of this representation's body. */
  etag: string;
  /** The body gzipped (computed once). */
  gzip(): Buffer;
}

function representation(body: Buffer, contentType: string): OpenAPIv2Representation {
  let gz: Buffer | undefined;
  return {
    body,
    contentType,
    etag: `"${createHash('sha512').update(body).digest('hex').toUpperCase()}"`,
    gzip: () => (gz ??= gzipSync(body)),
  };
}

/** Renders and caches one catalogue's /openapi/v2 document, as JSON and as gnostic protobuf. */
export class OpenAPIv2Doc {
  private docCache?: Schema;
  private readonly reps = new Map<OpenAPIv2Format, OpenAPIv2Representation>();

  constructor(private readonly catalogue: Catalogue) {}

  document(): Schema {
    return (this.docCache ??= buildSwaggerDoc(this.catalogue));
  }

  representation(format: OpenAPIv2Format): OpenAPIv2Representation {
    let r = this.reps.get(format);
    if (!r) {
      r =
        format === 'json'
          ? representation(Buffer.from(JSON.stringify(this.document())), OPENAPI_V2_JSON_TYPE)
          : representation(Buffer.from(encodeDocument(this.document())), OPENAPI_V2_PROTOBUF_TYPE);
      this.reps.set(format, r);
    }
    return r;
  }
}

let builtinDoc: OpenAPIv2Doc | undefined;
/**
 * Documents of workspaces with custom resources, most recently used last. Each renders to ~2 MB
 * (JSON and protobuf), so only a few are kept; an evicted one is rebuilt on its next request.
 */
const customDocs = new Map<Catalogue, OpenAPIv2Doc>();
const CUSTOM_DOCS_KEPT = 16;

export function openapiV2(c: Catalogue): OpenAPIv2Doc {
  if (c === builtinCatalogue()) return (builtinDoc ??= new OpenAPIv2Doc(c));
  let d = customDocs.get(c);
  if (d) customDocs.delete(c);
  else d = new OpenAPIv2Doc(c);
  customDocs.set(c, d);
  if (customDocs.size > CUSTOM_DOCS_KEPT) customDocs.delete(customDocs.keys().next().value!);
  return d;
}
