// The root workspace kplane starts with: its logical cluster and namespaces, kcp's workspace
// types (root, universal, organization, team, home), and, as in kcp, the right of every
// authenticated user to enter root, see its workspaces and types, and use the standard types.

import { builtinCatalogue } from '../apis/catalogue.js';
import { Scope } from '../apis/registry/scope.js';
import { ROOT } from '../apis/tenancy/names.js';
import { Store } from '../storage/store.js';

export const SYSTEM_USER = { username: 'system:kplane', groups: ['system:masters'] };

const ref = (name: string) => ({ name, path: ROOT });

/** kcp's standard workspace types, kept in root. */
export const WORKSPACE_TYPES: Array<{ name: string; spec: Record<string, unknown> }> = [
  { name: 'root', spec: { limitAllowedParents: { none: true }, defaultChildWorkspaceType: ref('organization') } },
  { name: 'universal', spec: { defaultChildWorkspaceType: ref('universal') } },
  { name: 'organization', spec: { limitAllowedParents: { types: [ref('root')] }, defaultChildWorkspaceType: ref('universal') } },
  { name: 'team', spec: { limitAllowedParents: { types: [ref('organization'), ref('team')] }, defaultChildWorkspaceType: ref('universal') } },
  { name: 'home', spec: { limitAllowedParents: { none: true }, defaultChildWorkspaceType: ref('universal') } },
];

function scope(group: string, plural: string): Scope {
  const catalogue = builtinCatalogue();
  const r = [...catalogue.allResources()].find((x) => x.group === group && x.plural === plural)!;
  return { cluster: ROOT, catalogue, r, namespace: '', user: SYSTEM_USER };
}

export async function bootstrapRoot(store: Store, baseURL: string): Promise<void> {
  // Imported lazily: content.ts builds on this module's SYSTEM_USER.
  const { ensure, initializeLogicalCluster } = await import('./tenancy/content.js');
  await initializeLogicalCluster(store, { id: ROOT, path: ROOT, type: 'root:root', baseURL });
  await Promise.all(
    WORKSPACE_TYPES.map((t) =>
      ensure(store, scope('tenancy.kcp.io', 'workspacetypes'), { apiVersion: 'tenancy.kcp.io/v1alpha1', kind: 'WorkspaceType', metadata: { name: t.name }, spec: t.spec }),
    ),
  );
  const rbac = 'rbac.authorization.k8s.io';
  await ensure(store, scope(rbac, 'clusterroles'), {
    apiVersion: `${rbac}/v1`,
    kind: 'ClusterRole',
    metadata: { name: 'system:kcp:tenancy:authenticated' },
    rules: [
      { nonResourceURLs: ['/'], verbs: ['access'] },
      { apiGroups: ['tenancy.kcp.io'], resources: ['workspaces', 'workspacetypes'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['tenancy.kcp.io'], resources: ['workspacetypes'], resourceNames: ['universal', 'organization', 'team'], verbs: ['use'] },
    ],
  });
  await ensure(store, scope(rbac, 'clusterrolebindings'), {
    apiVersion: `${rbac}/v1`,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'system:kcp:tenancy:authenticated' },
    roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: 'system:kcp:tenancy:authenticated' },
    subjects: [{ apiGroup: rbac, kind: 'Group', name: 'system:authenticated' }],
  });
}
