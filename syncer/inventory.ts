// What the agent remembers per synced object: a few hashes and flags, never the object (memory
// stays proportional to the number of objects, not their size). Rebuilt at start from the member
// copies' annotations. Also the placement policies of each placed workspace namespace.

export type SyncState = 'Applied' | 'Conflict' | 'Error' | 'Waiting' | 'Deleting';

export interface SyncRecord {
  state: SyncState;
  /** The member copy exists and carries our managed-by label. */
  onMember: boolean;
  /** Spec hash of the member copy (its SPEC_HASH_ANNOTATION). */
  hash?: string;
  /** Fingerprint of the member copy's content after the agent last wrote or checked it. */
  memberHash?: string;
  /** Placed on this target only: then its status travels upstream. */
  single?: boolean;
  /** Fingerprint of the upstream status last seen or written; undefined: not known. */
  statusHash?: string;
  /** "<status>|<reason>|<message>" of the upstream condition annotation; undefined: not known. */
  condition?: string;
}

export interface ObjectRef {
  cluster: string;
  /** Workspace namespace ("" for cluster-scoped objects and for namespaces themselves). */
  namespace: string;
  name: string;
}

export function recordKey(resourceId: string, ref: ObjectRef): string {
  return `${resourceId}|${ref.cluster}|${ref.namespace}|${ref.name}`;
}

export function parseRecordKey(key: string): { resourceId: string; ref: ObjectRef } {
  const [resourceId, cluster, namespace, ...name] = key.split('|');
  return { resourceId: resourceId!, ref: { cluster: cluster!, namespace: namespace!, name: name.join('|') } };
}

export class Inventory {
  private readonly records = new Map<string, SyncRecord>();

  get(key: string): SyncRecord | undefined {
    return this.records.get(key);
  }

  /** The record for `key`, created (state Waiting, not on the member) when missing. */
  ensure(key: string): SyncRecord {
    let r = this.records.get(key);
    if (!r) {
      r = { state: 'Waiting', onMember: false };
      this.records.set(key, r);
    }
    return r;
  }

  set(key: string, r: SyncRecord): void {
    this.records.set(key, r);
  }

  delete(key: string): void {
    this.records.delete(key);
  }

  get size(): number {
    return this.records.size;
  }

  /** Records of one resource. */
  *ofResource(resourceId: string): Iterable<[string, SyncRecord]> {
    const prefix = resourceId + '|';
    for (const e of this.records) if (e[0].startsWith(prefix)) yield e;
  }

  /** Objects of one workspace namespace still on the member (any resource but namespaces). */
  countInNamespace(cluster: string, namespace: string, namespacesId: string): number {
    const mid = `|${cluster}|${namespace}|`;
    let n = 0;
    for (const [k, r] of this.records) if (r.onMember && k.includes(mid) && !k.startsWith(namespacesId + '|')) n++;
    return n;
  }

  /** Counts by state, for the SyncTarget status and logs. */
  counts(): Record<SyncState, number> {
    const c: Record<SyncState, number> = { Applied: 0, Conflict: 0, Error: 0, Waiting: 0, Deleting: 0 };
    for (const r of this.records.values()) c[r.state]++;
    return c;
  }
}

export type ConflictPolicy = 'Abort' | 'Adopt';
export type DeletionPolicy = 'Delete' | 'Orphan';

export interface NamespacePolicy {
  conflict: ConflictPolicy;
  deletion: DeletionPolicy;
}

export const DEFAULT_POLICY: NamespacePolicy = { conflict: 'Abort', deletion: 'Delete' };

/** Policies of placed namespaces, by "<cluster>/<namespace>"; kept after unplacement (deletions still need them). */
export class NamespacePolicies {
  private readonly policies = new Map<string, NamespacePolicy>();

  set(cluster: string, namespace: string, p: NamespacePolicy): void {
    this.policies.set(`${cluster}/${namespace}`, p);
  }

  get(cluster: string, namespace: string): NamespacePolicy {
    return this.policies.get(`${cluster}/${namespace}`) ?? DEFAULT_POLICY;
  }

  delete(cluster: string, namespace: string): void {
    this.policies.delete(`${cluster}/${namespace}`);
  }
}

/** The policies a placed namespace's annotations give target `key`. */
export function policyFromAnnotations(annotations: Record<string, string> | undefined, conflictAnnotation: string, deletionAnnotation: string): NamespacePolicy {
  const c = annotations?.[conflictAnnotation];
  const d = annotations?.[deletionAnnotation];
  return { conflict: c === 'Adopt' ? 'Adopt' : 'Abort', deletion: d === 'Orphan' ? 'Orphan' : 'Delete' };
}
