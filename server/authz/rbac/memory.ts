// An in-memory RbacSource: tests, and a reference for what the server's source must return.

import { KObject } from '../../../apis/resources/model.js';
import { RbacSource } from './source.js';

export class MemoryRbacSource implements RbacSource {
  private readonly byCluster = new Map<string, KObject[]>();
  /** How many reads each call made, by method (to check the authorizer's access pattern). */
  readonly reads = { clusterRoleBindings: 0, roleBindings: 0, clusterRoles: 0, role: 0 };

  /** Adds RBAC objects (ClusterRole, ClusterRoleBinding, Role, RoleBinding) to a workspace. */
  add(cluster: string, ...objects: KObject[]): this {
    let list = this.byCluster.get(cluster);
    if (!list) this.byCluster.set(cluster, (list = []));
    list.push(...objects);
    return this;
  }

  clear(): void {
    this.byCluster.clear();
  }

  resetReads(): void {
    for (const k of Object.keys(this.reads) as (keyof typeof this.reads)[]) this.reads[k] = 0;
  }

  private of(cluster: string, kind: string, namespace?: string): KObject[] {
    return (this.byCluster.get(cluster) ?? []).filter((o) => o.kind === kind && (namespace === undefined || o.metadata?.namespace === namespace));
  }

  async clusterRoleBindings(cluster: string): Promise<KObject[]> {
    this.reads.clusterRoleBindings++;
    return this.of(cluster, 'ClusterRoleBinding');
  }

  async roleBindings(cluster: string, namespace: string): Promise<KObject[]> {
    this.reads.roleBindings++;
    return this.of(cluster, 'RoleBinding', namespace);
  }

  async clusterRoles(cluster: string): Promise<KObject[]> {
    this.reads.clusterRoles++;
    return this.of(cluster, 'ClusterRole');
  }

  async role(cluster: string, namespace: string, name: string): Promise<KObject | undefined> {
    this.reads.role++;
    return this.of(cluster, 'Role', namespace).find((o) => o.metadata?.name === name);
  }
}

// ---- builders for RBAC objects -------------------------------------------------------------------

const GROUP = 'rbac.authorization.k8s.io';

export type SubjectSpec = `User:${string}` | `Group:${string}` | `ServiceAccount:${string}`;

/** "User:alice", "Group:devs", "ServiceAccount:ns/name" or "ServiceAccount:name" (binding's namespace). */
export function subject(spec: SubjectSpec): KObject {
  const i = spec.indexOf(':');
  const kind = spec.slice(0, i);
  const rest = spec.slice(i + 1);
  if (kind === 'ServiceAccount') {
    const slash = rest.indexOf('/');
    return slash < 0 ? { kind, name: rest } : { kind, namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
  }
  return { apiGroup: GROUP, kind, name: rest };
}

export function clusterRoleBinding(name: string, role: string, ...subjects: SubjectSpec[]): KObject {
  return {
    apiVersion: `${GROUP}/v1`, kind: 'ClusterRoleBinding', metadata: { name },
    roleRef: { apiGroup: GROUP, kind: 'ClusterRole', name: role }, subjects: subjects.map(subject),
  };
}

export function roleBinding(namespace: string, name: string, roleRef: { kind: 'Role' | 'ClusterRole'; name: string }, ...subjects: SubjectSpec[]): KObject {
  return {
    apiVersion: `${GROUP}/v1`, kind: 'RoleBinding', metadata: { name, namespace },
    roleRef: { apiGroup: GROUP, ...roleRef }, subjects: subjects.map(subject),
  };
}

export function clusterRole(name: string, rules: KObject[], extra: { labels?: Record<string, string>; aggregationRule?: KObject } = {}): KObject {
  const o: KObject = { apiVersion: `${GROUP}/v1`, kind: 'ClusterRole', metadata: { name, ...(extra.labels ? { labels: extra.labels } : {}) }, rules };
  if (extra.aggregationRule) o.aggregationRule = extra.aggregationRule;
  return o;
}

export function role(namespace: string, name: string, rules: KObject[]): KObject {
  return { apiVersion: `${GROUP}/v1`, kind: 'Role', metadata: { name, namespace }, rules };
}
