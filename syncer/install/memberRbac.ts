// What the agent may do in the member cluster: the resources the hub places and nothing more.
// The Helm chart (syncer/chart/templates/clusterrole.yaml) renders the same rules; a test keeps
// them equal.

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };

export const WRITE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/**
 * Namespaced resources the agent copies downstream, by API group, and whether each has a status
 * subresource it reads back. Pods, ReplicaSets, Endpoints, Events and Leases are never synced
 * (apis/sync/contract.ts UNSYNCED_RESOURCES) and so are not granted (ReplicaSets are read, for
 * upsync, below).
 */
export const SYNCED_RESOURCES: Record<string, Record<string, boolean>> = {
  '': {
    configmaps: false, secrets: false, serviceaccounts: false, services: true, persistentvolumeclaims: true,
    limitranges: false, resourcequotas: true,
  },
  apps: { deployments: true, statefulsets: true, daemonsets: true },
  batch: { jobs: true, cronjobs: true },
  policy: { poddisruptionbudgets: true },
  autoscaling: { horizontalpodautoscalers: true },
  'networking.k8s.io': { networkpolicies: false, ingresses: true },
  'rbac.authorization.k8s.io': { roles: false, rolebindings: false },
};

/**
 * The member ClusterRole's rules. `customResourceGroups` are the API groups of the custom
 * resources the agent may write: the groups of CRDs placed later are unknown at install time, so
 * the default is "*" — which also matches every built-in group. List the groups to narrow it, or
 * pass none to sync no custom resources.
 */
export function memberClusterRules(customResourceGroups: string[] = ['*']): Rule[] {
  const rules: Rule[] = [{ apiGroups: [''], resources: ['namespaces'], verbs: WRITE_VERBS }];
  for (const [group, resources] of Object.entries(SYNCED_RESOURCES)) {
    rules.push({ apiGroups: [group], resources: Object.keys(resources), verbs: WRITE_VERBS });
  }
  rules.push({ apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: WRITE_VERBS });
  // Upsync (syncer/upsync.ts): ReplicaSets of the Deployments it manages are read, never written.
  rules.push({ apiGroups: ['apps'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] });
  const status: Rule[] = [{ apiGroups: [''], resources: ['namespaces/status'], verbs: ['get'] }];
  for (const [group, resources] of Object.entries(SYNCED_RESOURCES)) {
    const withStatus = Object.keys(resources).filter((r) => resources[r]);
    if (withStatus.length) status.push({ apiGroups: [group], resources: withStatus.map((r) => `${r}/status`), verbs: ['get'] });
  }
  status.push({ apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions/status'], verbs: ['get'] });
  rules.push(...status);
  if (customResourceGroups.length) rules.push({ apiGroups: customResourceGroups, resources: ['*'], verbs: WRITE_VERBS });
  return rules;
}

/** The Role in the agent's own namespace: ConfigMaps for its state (last applied revision, inventory). */
export function memberStateRules(): Rule[] {
  return [{ apiGroups: [''], resources: ['configmaps'], verbs: WRITE_VERBS }];
}
