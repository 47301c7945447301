import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { BUILTIN_RESOURCES } from '../../apis/resources/index.js';
import { SYNC_VERB, SYNCER_NAMESPACE, UNSYNCED_RESOURCES } from '../../apis/sync/contract.js';
import { hubClusterRole, hubLeaseRole, serviceAccount } from './hubObjects.js';
import { helmValues, parseImage } from './helmValues.js';
import { memberObjects, toYamlStream } from './manifest.js';
import { SYNCED_RESOURCES, WRITE_VERBS } from './memberRbac.js';

const KUBECONFIG = 'apiVersion: v1\nkind: Config\n';

function render(extra: Partial<Parameters<typeof memberObjects>[0]> = {}): any[] {
  const text = toYamlStream(memberObjects({ target: 'edge-1', image: 'ghcr.io/acme/kplane:0.1.0', upstreamKubeconfig: KUBECONFIG, ...extra }), 'a header\nsecond line');
  return YAML.parseAllDocuments(text).map((d) => d.toJSON()).filter((o) => o);
}

const byKind = (objs: any[], kind: string): any[] => objs.filter((o) => o.kind === kind);
const one = (objs: any[], kind: string): any => {
  const found = byKind(objs, kind);
  expect(found, kind).toHaveLength(1);
  return found[0];
};

/** Whether `rules` allow verb on group/resource (no resourceNames), as RBAC would decide. */
function allows(rules: any[], group: string, resource: string, verb: string): boolean {
  return rules.some(
    (r) => (r.apiGroups.includes(group) || r.apiGroups.includes('*')) && (r.resources.includes(resource) || r.resources.includes('*')) && (r.verbs.includes(verb) || r.verbs.includes('*')),
  );
}

describe('member-side manifest', () => {
  it('has the objects that run one agent, in apply order, in its namespace', () => {
    const objs = render();
    expect(objs.map((o) => o.kind)).toEqual(['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'Secret', 'Deployment']);
    for (const o of objs.filter((x) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(x.kind))) expect(o.metadata.namespace, o.kind).toBe('kplane-syncer');
    expect(one(objs, 'Namespace').metadata.name).toBe('kplane-syncer');
    expect(render({ namespace: 'sync' }).find((o) => o.kind === 'Deployment').metadata.namespace).toBe('sync');
  });

  it('binds the least-privilege ClusterRole to the agent ServiceAccount', () => {
    const objs = render();
    const role = one(objs, 'ClusterRole');
    const binding = one(objs, 'ClusterRoleBinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'kplane-syncer', namespace: 'kplane-syncer' }]);
    const rules = role.rules;
    for (const verb of WRITE_VERBS) {
      expect(allows(rules, '', 'namespaces', verb)).toBe(true);
      expect(allows(rules, 'apps', 'deployments', verb)).toBe(true);
      expect(allows(rules, 'apiextensions.k8s.io', 'customresourcedefinitions', verb)).toBe(true);
      expect(allows(rules, 'rbac.authorization.k8s.io', 'rolebindings', verb)).toBe(true);
    }
    expect(allows(rules, 'apps', 'deployments/status', 'get')).toBe(true);
    // Without the custom resource rule ("*" matches subresources too), status is read-only.
    const builtIn = one(render({ customResourceGroups: [] }), 'ClusterRole').rules;
    expect(allows(builtIn, 'apps', 'deployments/status', 'get')).toBe(true);
    expect(allows(builtIn, 'apps', 'deployments/status', 'update')).toBe(false);
    expect(allows(builtIn, '', 'pods', 'get')).toBe(false);
    // No wildcard verbs anywhere, no escalation or impersonation.
    for (const r of rules) expect(r.verbs).not.toContain('*');
    for (const verb of ['escalate', 'bind', 'impersonate']) expect(rules.some((r: any) => r.verbs.includes(verb))).toBe(false);
  });

  it('grants custom resource groups as asked: "*" by default, a list, or none', () => {
    const wildcard = one(render(), 'ClusterRole').rules;
    expect(wildcard.at(-1)).toEqual({ apiGroups: ['*'], resources: ['*'], verbs: WRITE_VERBS });
    const listed = one(render({ customResourceGroups: ['example.com'] }), 'ClusterRole').rules;
    expect(allows(listed, 'example.com', 'widgets', 'create')).toBe(true);
    expect(allows(listed, '', 'pods', 'create')).toBe(false);
    expect(allows(listed, 'rbac.authorization.k8s.io', 'clusterroles', 'create')).toBe(false);
    expect(allows(listed, '', 'nodes', 'get')).toBe(false);
    const none = one(render({ customResourceGroups: [] }), 'ClusterRole').rules;
    expect(allows(none, 'example.com', 'widgets', 'get')).toBe(false);
  });

  it('keeps its state in ConfigMaps of its own namespace only', () => {
    const objs = render();
    const role = one(objs, 'Role');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: WRITE_VERBS }]);
    expect(one(objs, 'RoleBinding').roleRef).toMatchObject({ kind: 'Role', name: role.metadata.name });
  });

  it('stores the upstream kubeconfig in a Secret under key kubeconfig', () => {
    const s = one(render(), 'Secret');
    expect(s.metadata.name).toBe('kplane-syncer-upstream');
    expect(Buffer.from(s.data.kubeconfig, 'base64').toString()).toBe(KUBECONFIG);
  });

  it('runs one non-root, read-only agent with the secret mounted read-only', () => {
    const d = one(render(), 'Deployment');
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
    const pod = d.spec.template.spec;
    expect(d.spec.selector.matchLabels).toEqual(Object.fromEntries(Object.entries(d.spec.template.metadata.labels).filter(([k]) => k in d.spec.selector.matchLabels)));
    expect(pod.serviceAccountName).toBe('kplane-syncer');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    const c = pod.containers[0];
    expect(c.image).toBe('ghcr.io/acme/kplane:0.1.0');
    expect(c.args).toEqual(['syncer', '--upstream-kubeconfig', '/etc/kplane/upstream/kubeconfig', '--sync-target', 'edge-1', '--namespace', 'kplane-syncer']);
    expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(c.resources.requests).toBeDefined();
    expect(c.resources.limits.memory).toBeDefined();
    const mount = c.volumeMounts.find((m: any) => m.mountPath === '/etc/kplane/upstream');
    expect(mount.readOnly).toBe(true);
    expect(pod.volumes.find((v: any) => v.name === mount.name).secret.secretName).toBe('kplane-syncer-upstream');
  });

  it('starts with the header as YAML comments', () => {
    const text = toYamlStream([{ kind: 'A' }], 'one\ntwo');
    expect(text.startsWith('# one\n# two\n---\nkind: A\n')).toBe(true);
  });
});

describe('member RBAC and the hub catalogue', () => {
  it('covers exactly the built-in resources placement stamps, with their status subresources', () => {
    const syncable = new Map<string, boolean>();
    for (const r of BUILTIN_RESOURCES) {
      if (r.namespaced && !UNSYNCED_RESOURCES.has(`${r.group}/${r.plural}`)) syncable.set(`${r.group}/${r.plural}`, !!r.status);
    }
    const granted = new Map<string, boolean>(Object.entries(SYNCED_RESOURCES).flatMap(([g, rs]) => Object.entries(rs).map(([r, st]) => [`${g}/${r}`, st] as [string, boolean])));
    expect([...granted.keys()].sort()).toEqual([...syncable.keys()].sort());
    for (const [key, status] of syncable) expect(granted.get(key), key).toBe(status);
  });
});

describe('hub-side objects', () => {
  it('name the target in every rule but lease create', () => {
    const rules = hubClusterRole('edge-1').rules;
    expect(rules).toContainEqual({ apiGroups: ['sync.kplane.io'], resources: ['synctargets'], resourceNames: ['edge-1'], verbs: ['get', 'list', 'watch', SYNC_VERB] });
    expect(rules).toContainEqual({ apiGroups: ['sync.kplane.io'], resources: ['synctargets/status'], resourceNames: ['edge-1'], verbs: ['get', 'update', 'patch'] });
    const lease = hubLeaseRole('edge-1');
    expect(lease.metadata.namespace).toBe(SYNCER_NAMESPACE);
    expect(lease.rules.filter((r: any) => !r.resourceNames).flatMap((r: any) => r.verbs)).toEqual(['create']);
    expect(serviceAccount('edge-1').metadata).toMatchObject({ name: 'syncer-edge-1', namespace: SYNCER_NAMESPACE });
  });
});

describe('helm values', () => {
  it('splits image references', () => {
    expect(parseImage('agent')).toEqual({ repository: 'agent' });
    expect(parseImage('ghcr.io/acme/kplane:0.1.0')).toEqual({ repository: 'ghcr.io/acme/kplane', tag: '0.1.0' });
    expect(parseImage('registry:5000/kplane')).toEqual({ repository: 'registry:5000/kplane' });
    expect(parseImage('registry:5000/kplane:v1@sha256:abc')).toEqual({ repository: 'registry:5000/kplane', tag: 'v1', digest: 'sha256:abc' });
  });

  it('carries target, image and kubeconfig', () => {
    const v = YAML.parse(helmValues({ target: 'edge-1', image: 'ghcr.io/acme/kplane:0.1.0', upstreamKubeconfig: KUBECONFIG }));
    expect(v).toEqual({ image: { repository: 'ghcr.io/acme/kplane', tag: '0.1.0' }, syncTarget: 'edge-1', upstreamKubeconfig: KUBECONFIG });
  });
});
