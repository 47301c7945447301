// Oracle: the OpenAPI v3 documents kplane serves against real kube-apiserver documents of the
// same group-versions — for every path of a resource we serve: the same operations, actions and
// group-version-kinds, the fieldValidation parameter and patch content types kubectl looks for;
// and for every schema: the same properties and x-kubernetes-* extensions.

import { builtinCatalogue } from '../../apis/catalogue.js';
import { openapiV3 } from '../../apis/openapi/v3.js';
import { loadOpenAPIDocs } from './openapiCheck.js';

type Doc = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
/** Upstream changes since the 1.27 reference documents (see openapiCheck.ts). */
const CHANGED_SINCE_1_27 = new Set(['io.k8s.api.core.v1.PersistentVolumeClaimSpec.resources']);

const EXTENSIONS = ['x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type'];

function refName(s: Doc | undefined): string | undefined {
  return (s?.$ref ?? s?.allOf?.[0]?.$ref ?? s?.items?.$ref ?? s?.items?.allOf?.[0]?.$ref)?.replace('#/components/schemas/', '');
}

export function compareServedOpenAPI(openapiDir: string): { paths: number; schemas: number; problems: string[] } {
  const catalogue = builtinCatalogue();
  const docs = openapiV3(catalogue);
  const problems: string[] = [];
  let paths = 0;
  let schemas = 0;
  for (const [key, ref] of loadOpenAPIDocs(openapiDir)) {
    const served = docs.doc(key);
    if (!served) {
      problems.push(`${key}: not served`);
      continue;
    }
    const ours: Doc = JSON.parse(served.body);
    const [group, version] = key.startsWith('api/') ? ['', key.slice(4)] : key.slice(5).split('/');
    const servedPlurals = new Set(catalogue.group(group)?.versions.find((v) => v.version === version)?.resources.map((r) => r.plural) ?? []);
    for (const [path, item] of Object.entries<Doc>(ref.paths ?? {})) {
      const plural = path.replace(/^\/apis?\/(?:[^/]+\/)?v[^/]+\/(?:watch\/)?(?:namespaces\/\{namespace\}\/)?/, '').split('/')[0];
      if (!servedPlurals.has(plural) || path.includes('/proxy') || path.includes('/log') || path.includes('/exec') || path.includes('/attach') || path.includes('/portforward') || path.includes('/binding') || path.includes('/eviction') || path.includes('/ephemeralcontainers') || path.includes('/resize') || path.includes('/token')) {
        continue;
      }
      paths++;
      const mine = ours.paths?.[path];
      if (!mine) {
        problems.push(`${key} ${path}: path not served`);
        continue;
      }
      for (const m of METHODS) {
        const theirs = item[m];
        if (!theirs) continue;
        const op = mine[m];
        if (!op) {
          problems.push(`${key} ${m.toUpperCase()} ${path}: operation missing`);
          continue;
        }
        if (op['x-kubernetes-action'] !== theirs['x-kubernetes-action']) problems.push(`${key} ${m} ${path}: action ${op['x-kubernetes-action']}, upstream ${theirs['x-kubernetes-action']}`);
        const gvk = (g: Doc | undefined): string => (g ? `${g.group}/${g.version}/${g.kind}` : 'none');
        const g1 = gvk(op['x-kubernetes-group-version-kind']);
        const g2 = gvk(theirs['x-kubernetes-group-version-kind']);
        if (g1 !== g2) problems.push(`${key} ${m} ${path}: gvk ${g1}, upstream ${g2}`);
        const params = (o: Doc): string[] => (o.parameters ?? []).map((p: Doc) => `${p.in}:${p.name}`).sort();
        const missing = params(theirs).filter((p) => !params(op).includes(p));
        if (missing.length) problems.push(`${key} ${m} ${path}: parameters missing ${missing.join(', ')}`);
        const types = (o: Doc): string[] => Object.keys(o.requestBody?.content ?? {}).sort();
        if (types(op).join() !== types(theirs).join()) problems.push(`${key} ${m} ${path}: request types ${types(op)}, upstream ${types(theirs)}`);
      }
    }
    for (const [name, theirs] of Object.entries<Doc>(ref.components?.schemas ?? {})) {
      const mine = ours.components?.schemas?.[name];
      if (!mine) continue;
      schemas++;
      if (JSON.stringify(mine['x-kubernetes-group-version-kind'] ?? []) !== JSON.stringify(theirs['x-kubernetes-group-version-kind'] ?? []) && theirs['x-kubernetes-group-version-kind']?.length === 1) {
        problems.push(`${key} ${name}: gvk ${JSON.stringify(mine['x-kubernetes-group-version-kind'])}, upstream ${JSON.stringify(theirs['x-kubernetes-group-version-kind'])}`);
      }
      for (const [prop, ps] of Object.entries<Doc>(theirs.properties ?? {})) {
        const mp = mine.properties?.[prop];
        if (!mp || CHANGED_SINCE_1_27.has(`${name}.${prop}`)) continue; // the catalogue check reports missing fields
        for (const ext of EXTENSIONS) {
          if (ps[ext] !== undefined && JSON.stringify(ps[ext]) !== JSON.stringify(mp[ext])) problems.push(`${key} ${name}.${prop}: ${ext} ${JSON.stringify(mp[ext])}, upstream ${JSON.stringify(ps[ext])}`);
        }
        const r1 = refName(ps);
        if (r1 && r1 !== refName(mp)) problems.push(`${key} ${name}.${prop}: refers to ${refName(mp)}, upstream ${r1}`);
      }
    }
  }
  return { paths, schemas, problems };
}
