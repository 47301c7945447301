// What the agent syncs: the built-in namespaced kinds a tenant's workload is made of, namespaces,
// CRDs, and custom resources of synced CRDs; intersected with what the member serves and with
// the SyncTarget's spec.supportedResources. Also the URL paths of a resource.

export interface SyncedResource {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
  /** Has a status subresource whose content travels back upstream. */
  status: boolean;
  /** Storage-key style id, "<group>/<plural>" ("/configmaps", "apps/deployments"). */
  id: string;
}

function def(group: string, version: string, plural: string, kind: string, status = false, namespaced = true): SyncedResource {
  return { group, version, plural, kind, namespaced, status, id: `${group}/${plural}` };
}

export const NAMESPACES = def('', 'v1', 'namespaces', 'Namespace', false, false);
export const CRDS = def('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, false);
export const CONFIGMAPS = def('', 'v1', 'configmaps', 'ConfigMap');

/** Built-in namespaced kinds, in apply order (what others reference comes first). */
export const BUILTIN_RESOURCES: readonly SyncedResource[] = [
  def('', 'v1', 'serviceaccounts', 'ServiceAccount'),
  def('rbac.authorization.k8s.io', 'v1', 'roles', 'Role'),
  def('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding'),
  def('', 'v1', 'limitranges', 'LimitRange'),
  def('', 'v1', 'resourcequotas', 'ResourceQuota', true),
  CONFIGMAPS,
  def('', 'v1', 'secrets', 'Secret'),
  def('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true),
  def('', 'v1', 'services', 'Service', true),
  def('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy'),
  def('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true),
  def('apps', 'v1', 'deployments', 'Deployment', true),
  def('apps', 'v1', 'statefulsets', 'StatefulSet', true),
  def('apps', 'v1', 'daemonsets', 'DaemonSet', true),
  def('batch', 'v1', 'jobs', 'Job', true),
  def('batch', 'v1', 'cronjobs', 'CronJob', true),
  def('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true),
  def('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true),
];

/** A custom resource's definition, from the CRD object (the storage version is the one synced). */
export function customResource(crd: any): SyncedResource | undefined {
  const spec = crd?.spec;
  const versions: any[] = spec?.versions ?? [];
  const v = versions.find((x) => x?.storage) ?? versions.find((x) => x?.served);
  if (!spec?.group || !spec?.names?.plural || !v?.name) return undefined;
  return def(spec.group, v.name, spec.names.plural, spec.names.kind, !!v.subresources?.status, spec.scope !== 'Cluster');
}

/** "/api/v1" or "/apis/<group>/<version>". */
export function groupVersionPath(r: Pick<SyncedResource, 'group' | 'version'>): string {
  return r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
}

/** The API path of a resource's collection (across namespaces when `namespace` is absent) or of one object. */
export function resourcePath(r: SyncedResource, namespace?: string, name?: string, subresource?: string): string {
  let p = groupVersionPath(r);
  if (r.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${r.plural}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}

/** "deployments.apps", "services": how SyncTarget spec.supportedResources names a resource. */
export function resourceName(r: Pick<SyncedResource, 'group' | 'plural'>): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** An APIResourceList's resources, as the member's discovery answers for one group-version. */
export interface DiscoveredGroupVersion {
  group: string;
  version: string;
  /** Plural names served, subresources included ("deployments", "deployments/status"). */
  resources: Set<string>;
}

export interface ResourceDecision {
  resource: SyncedResource;
  state: 'Accepted' | 'Incompatible';
  /** Versions of the group the member serves. */
  versions: string[];
  reason?: string;
}

/**
 * Which built-in resources the agent syncs: each of BUILTIN_RESOURCES the SyncTarget allows
 * (empty `supported` allows all) is Accepted when the member serves it at the same version,
 * Incompatible otherwise. Resources the target does not allow are left out.
 */
export function decideResources(
  candidates: readonly SyncedResource[],
  served: (group: string) => DiscoveredGroupVersion[],
  supported: readonly string[] | undefined,
): ResourceDecision[] {
  const allowed = supported && supported.length > 0 ? new Set(supported) : undefined;
  const out: ResourceDecision[] = [];
  for (const r of candidates) {
    if (allowed && !allowed.has(resourceName(r)) && !allowed.has(r.plural)) continue;
    const gvs = served(r.group);
    const versions = gvs.filter((gv) => gv.resources.has(r.plural)).map((gv) => gv.version);
    if (versions.includes(r.version)) out.push({ resource: r, state: 'Accepted', versions });
    else out.push({ resource: r, state: 'Incompatible', versions, reason: versions.length ? `member serves ${versions.join(', ')}, not ${r.version}` : 'not served by the member' });
  }
  return out;
}
