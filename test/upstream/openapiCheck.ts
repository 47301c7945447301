// Oracle: the catalogue's types against real kube-apiserver OpenAPI v3 documents — property
// names, scalar types and formats, required lists, enums and the x-kubernetes-* extensions that
// strategic merge patch and server-side apply depend on. The documents are older than the
// .proto files (1.27 vs 1.34): fields added since are fine, fields missing from ours are not.

import fs from 'node:fs';
import path from 'node:path';
import { FieldDef, SCALARS } from '../../apis/schema/model.js';
import { TypeRegistry } from '../../apis/schema/registry.js';

type Schema = Record<string, any>;

/** Differences that are upstream changes between the 1.27 document and 1.34, not our mistakes. */
const CHANGED_SINCE_1_27 = new Set([
  'core/v1:PersistentVolumeClaimSpec.resources', // ResourceRequirements → VolumeResourceRequirements (1.28)
  'core/v1:PersistentVolumeClaimStatus.resizeStatus', // removed in favour of allocatedResourceStatuses (1.28)
  'core/v1:HostAlias.ip', // marked +required after 1.27
  'core/v1:PodResourceClaim.source', // removed in 1.31 (resourceClaimName / resourceClaimTemplateName)
  'apps/v1:StatefulSetSpec.serviceName', // +optional since 1.32
]);

export function loadOpenAPIDocs(dir: string): Map<string, Schema> {
  const docs = new Map<string, Schema>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) docs.set(path.relative(dir, p).replace(/\.json$/, ''), JSON.parse(fs.readFileSync(p, 'utf8')));
    }
  };
  walk(dir);
  return docs;
}

const SCALAR_SCHEMA: Record<string, [string, string | undefined]> = {
  string: ['string', undefined],
  int32: ['integer', 'int32'],
  int64: ['integer', 'int64'],
  bool: ['boolean', undefined],
  double: ['number', 'double'],
  bytes: ['string', 'byte'],
};

function refOf(s: Schema): string | undefined {
  const r = s.$ref ?? s.allOf?.[0]?.$ref;
  return r?.replace('#/components/schemas/', '');
}

function compareValue(registry: TypeRegistry, f: FieldDef, s: Schema, where: string, problems: string[]): void {
  if (SCALARS.has(f.type)) {
    const [type, fmt] = SCALAR_SCHEMA[f.type];
    if (s.type !== type) problems.push(`${where}: type ${type}, upstream ${s.type ?? refOf(s)}`);
    else if ((f.format ?? fmt) !== s.format && s.format !== undefined) problems.push(`${where}: format ${f.format ?? fmt}, upstream ${s.format}`);
    return;
  }
  const want = registry.openapiName(f.type);
  const got = refOf(s);
  if (got !== want) problems.push(`${where}: refers to ${want}, upstream ${got ?? s.type}`);
}

export function compareWithOpenAPI(
  registry: TypeRegistry,
  openapiDir: string,
  only?: string,
): { schemas: number; problems: string[] } {
  const problems: string[] = [];
  const byName = new Map<string, string>();
  for (const t of registry.allTypes()) byName.set(registry.openapiName(t.id), t.id);
  const seen = new Set<string>();
  let schemas = 0;
  for (const doc of loadOpenAPIDocs(openapiDir).values()) {
    for (const [name, schema] of Object.entries<Schema>(doc.components?.schemas ?? {})) {
      const id = byName.get(name);
      if (!id || seen.has(name)) continue;
      const t = registry.get(id);
      if (only && t.pkg !== only) continue;
      seen.add(name);
      schemas++;
      if (t.json) continue; // special JSON forms are described by the codec, not by properties
      if ((schema['x-kubernetes-map-type'] === 'atomic') !== t.atomic) {
        problems.push(`${id}: atomic ${t.atomic}, upstream x-kubernetes-map-type ${schema['x-kubernetes-map-type']}`);
      }
      const fields = registry.jsonFields(id);
      const required = new Set<string>(schema.required ?? []);
      for (const [prop, ps] of Object.entries<Schema>(schema.properties ?? {})) {
        const where = `${id}.${prop}`;
        if (CHANGED_SINCE_1_27.has(where)) continue;
        const f = fields.get(prop);
        if (!f) {
          if (prop !== 'apiVersion' && prop !== 'kind') problems.push(`${where}: missing (in upstream OpenAPI)`);
          continue;
        }
        if (f.required !== required.has(prop)) problems.push(`${where}: required ${f.required}, upstream ${required.has(prop)}`);
        const ext = (k: string): unknown => ps[`x-kubernetes-${k}`];
        if (ext('patch-merge-key') !== f.patchMergeKey) problems.push(`${where}: patchMergeKey ${f.patchMergeKey}, upstream ${ext('patch-merge-key')}`);
        if (ext('patch-strategy') !== f.patchStrategy) problems.push(`${where}: patchStrategy ${f.patchStrategy}, upstream ${ext('patch-strategy')}`);
        if (ext('list-type') && ext('list-type') !== f.listType) problems.push(`${where}: listType ${f.listType}, upstream ${ext('list-type')}`);
        const keys = ext('list-map-keys') as string[] | undefined;
        if (keys && keys.join(',') !== (f.listMapKeys ?? []).join(',')) problems.push(`${where}: listMapKeys ${f.listMapKeys}, upstream ${keys}`);
        if (ext('map-type') && ext('map-type') !== f.mapType) problems.push(`${where}: mapType ${f.mapType}, upstream ${ext('map-type')}`);
        if (Array.isArray(ps.enum)) {
          const lacking = ps.enum.filter((v: string) => !(f.enum ?? []).includes(v));
          if (lacking.length) problems.push(`${where}: enum lacks ${lacking.join(', ')}`);
        }
        if (f.repeated) {
          if (ps.type !== 'array') problems.push(`${where}: array, upstream ${ps.type}`);
          else compareValue(registry, f, ps.items, `${where}[]`, problems);
        } else if (f.map) {
          if (ps.type !== 'object' || !ps.additionalProperties) problems.push(`${where}: map, upstream ${ps.type}`);
          else compareValue(registry, f, ps.additionalProperties, `${where}{}`, problems);
        } else {
          compareValue(registry, f, ps, where, problems);
        }
      }
    }
  }
  return { schemas, problems };
}
