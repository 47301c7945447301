// Oracle: the catalogue's resources (plural, scope, kind, verbs, status/scale subresources)
// against the paths of real kube-apiserver OpenAPI v3 documents.

import { BUILTIN_RESOURCES } from '../../apis/resources/index.js';
import { loadOpenAPIDocs } from './openapiCheck.js';

const ACTION_VERB: Record<string, string> = {
  get: 'get', list: 'list', post: 'create', put: 'update', patch: 'patch', delete: 'delete',
  deletecollection: 'deletecollection', watch: 'watch', watchlist: 'watch',
};

interface Upstream { kind: string; namespaced: boolean; verbs: Set<string>; subresources: Set<string> }

export async function compareResources(openapiDir: string, only?: string): Promise<{ resources: number; problems: string[] }> {
  const upstream = new Map<string, Upstream>(); // "group/version/plural"
  for (const [key, doc] of loadOpenAPIDocs(openapiDir)) {
    const gv = key.replace(/^api\//, '/').replace(/^apis\//, ''); // "/v1" or "apps/v1"
    const [group, version] = gv.startsWith('/') ? ['', gv.slice(1)] : gv.split('/');
    const prefix = group ? `/apis/${group}/${version}/` : `/api/${version}/`;
    for (const [p, item] of Object.entries<Record<string, any>>(doc.paths ?? {})) {
      if (!p.startsWith(prefix)) continue;
      let rest = p.slice(prefix.length).replace(/^watch\//, '');
      const namespaced = rest.startsWith('namespaces/{namespace}/');
      if (namespaced) rest = rest.slice('namespaces/{namespace}/'.length);
      const parts = rest.split('/');
      if (parts[0] === 'namespaces' && parts.length > 1 && parts[1] !== '{name}') continue;
      const plural = parts[0];
      const sub = parts[1] === '{name}' ? parts[2] : undefined;
      for (const op of Object.values<Record<string, any>>(item)) {
        const gvk = op?.['x-kubernetes-group-version-kind'];
        const action = op?.['x-kubernetes-action'];
        if (!gvk || !action || !ACTION_VERB[action]) continue;
        const k = `${group}/${version}/${plural}`;
        let u = upstream.get(k);
        if (!u) upstream.set(k, (u = { kind: '', namespaced: false, verbs: new Set(), subresources: new Set() }));
        if (sub) { u.subresources.add(sub); continue; }
        u.kind = gvk.kind;
        u.namespaced ||= namespaced;
        u.verbs.add(ACTION_VERB[action]);
      }
    }
  }
  const problems: string[] = [];
  let resources = 0;
  for (const r of BUILTIN_RESOURCES) {
    const pkg = `${r.group.split('.')[0] || 'core'}/${r.version}`;
    if (only && pkg !== only) continue;
    const u = upstream.get(`${r.group}/${r.version}/${r.plural}`);
    if (!u) continue;
    resources++;
    const at = `${r.group || 'core'}/${r.version} ${r.plural}`;
    if (u.kind !== r.kind) problems.push(`${at}: kind ${r.kind}, upstream ${u.kind}`);
    if (u.namespaced !== r.namespaced) problems.push(`${at}: namespaced ${r.namespaced}, upstream ${u.namespaced}`);
    const ours = [...r.verbs].sort().join(',');
    const theirs = [...u.verbs].sort().join(',');
    if (ours !== theirs) problems.push(`${at}: verbs ${ours}, upstream ${theirs}`);
    if (u.subresources.has('status') !== !!r.status) problems.push(`${at}: status subresource ${!!r.status}, upstream ${u.subresources.has('status')}`);
    if (u.subresources.has('scale') !== !!r.scale) problems.push(`${at}: scale subresource ${!!r.scale}, upstream ${u.subresources.has('scale')}`);
  }
  return { resources, problems };
}
