// Upsync of ReplicaSets: the member's deployment controller keeps a Deployment's revisions as
// ReplicaSets; the agent copies those of the Deployments it manages into the workspace, through
// its view, so `kubectl rollout history` (and `rollout undo`, which patches the workspace
// Deployment and so travels down as usual) work in the workspace.
//
// ReplicaSets do not carry the managed-by label (the member copies the pod template's labels), so
// the agent watches every member ReplicaSet and keeps those whose controller ownerReference is a
// member Deployment it manages: the member Deployment watch (agent.ts) tells it their uids, and
// the upstream Deployment each one copies (annotations upstream, upstream-uid). A ReplicaSet seen
// before its Deployment waits for it. Writes go through one keyed queue; an unchanged ReplicaSet
// (same upsynced content and status) is not written again.

import type { Logger } from 'pino';
import { DOWNSTREAM_NAMESPACE_PREFIX, MANAGED_BY_LABEL, UPSTREAM_ANNOTATION, UPSTREAM_UID_ANNOTATION } from '../apis/sync/contract.js';
import { ApiError, KObject, KubeClient, isNotFound } from './client.js';
import { ListWatch } from './listWatch.js';
import { hashJson } from './specHash.js';
import { parseUpstreamRef } from './transform.js';
import { UpstreamDeployment, controllerUid, upsyncedReplicaSet } from './upsyncTransform.js';
import { WorkQueue } from './workQueue.js';

const MEMBER_REPLICASETS = '/apis/apps/v1/replicasets';

interface Item {
  /** The member ReplicaSet; null: it is gone. */
  member: KObject | null;
  owner: UpstreamDeployment;
}

/** How long a deleted Deployment's uid is remembered for its ReplicaSets' deletions. */
const FORGET_DELETED_MS = 10 * 60_000;

const memberKey = (obj: KObject): string => `${obj.metadata?.namespace}/${obj.metadata?.name}`;

export class ReplicaSetUpsync {
  /** Managed member Deployments by uid → the workspace Deployment they copy. */
  private readonly deployments = new Map<string, UpstreamDeployment>();
  /** Member ReplicaSets by "<ns>/<name>", as last seen (those of unknown owners included). */
  private readonly seen = new Map<string, KObject>();
  /** What was last written upstream per member ReplicaSet (content and status hash). */
  private readonly written = new Map<string, string>();
  private readonly queue: WorkQueue<Item>;
  private watch?: ListWatch;

  constructor(private readonly hub: KubeClient, private readonly member: KubeClient, private readonly viewBase: string, private readonly key: string, private readonly log: Logger) {
    this.queue = new WorkQueue<Item>({
      concurrency: 4,
      process: (k, item) => this.process(k, item),
      merge: (_a, b) => b,
      onError: (k, _item, err, attempt) => {
        if (attempt > 8) {
          log.warn({ replicaSet: k, err: (err as Error).message }, 'upsync failed; giving up until it changes');
          return undefined;
        }
        return Math.min(500 * 2 ** attempt, 30_000);
      },
    });
  }

  start(): void {
    this.watch = new ListWatch(this.member, MEMBER_REPLICASETS, { log: this.log, what: 'member replicasets' }, {
      listStarted: () => undefined,
      listPage: async (items) => items.forEach((rs) => this.replicaSet(rs, false)),
      listComplete: () => undefined,
      event: (type, rs) => this.replicaSet(rs, type === 'DELETED'),
      progress: () => undefined,
    });
    this.watch.start();
  }

  stop(): void {
    this.watch?.stop();
    this.queue.stop();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** A member Deployment of ours (managed-by label) was seen, or went away (null). */
  deployment(obj: KObject, gone: boolean): void {
    const uid: string | undefined = obj.metadata?.uid;
    if (!uid) return;
    const up = parseUpstreamRef(obj.metadata?.annotations?.[UPSTREAM_ANNOTATION]);
    const upUid = obj.metadata?.annotations?.[UPSTREAM_UID_ANNOTATION];
    // A deleted one stays known a while: its ReplicaSets' deletions (the member's garbage
    // collector, after it) still have to go upstream. Uids are never reused, so the entry cannot
    // mislead; it is dropped later so that the map does not grow with every Deployment ever seen.
    if (gone) {
      setTimeout(() => this.deployments.delete(uid), FORGET_DELETED_MS).unref?.();
      return;
    }
    if (obj.metadata?.labels?.[MANAGED_BY_LABEL] !== this.key || !up || !upUid) {
      this.deployments.delete(uid);
      return;
    }
    const known = this.deployments.get(uid);
    const owner = { cluster: up.cluster, namespace: up.namespace, name: up.name, uid: upUid };
    this.deployments.set(uid, owner);
    if (known && known.uid === owner.uid) return;
    // Its ReplicaSets seen before it now have an owner.
    for (const rs of this.seen.values()) if (controllerUid(rs) === uid) this.queue.add(memberKey(rs), { member: rs, owner });
  }

  private replicaSet(rs: KObject, deleted: boolean): void {
    // Only the namespaces the agent maps: the member's own ReplicaSets are none of its business
    // (and keeping them would make its memory grow with the member, not with what it syncs).
    if (!String(rs.metadata?.namespace ?? '').startsWith(DOWNSTREAM_NAMESPACE_PREFIX)) return;
    const k = memberKey(rs);
    const ownerUid = controllerUid(rs);
    if (deleted) this.seen.delete(k);
    else if (ownerUid) this.seen.set(k, rs);
    const owner = ownerUid ? this.deployments.get(ownerUid) : undefined;
    if (owner) this.queue.add(k, { member: deleted ? null : rs, owner });
  }

  private path(owner: UpstreamDeployment, name?: string, sub?: string): string {
    const base = `${this.viewBase}/clusters/${encodeURIComponent(owner.cluster)}/apis/apps/v1/namespaces/${encodeURIComponent(owner.namespace)}/replicasets`;
    return name ? `${base}/${encodeURIComponent(name)}${sub ? '/' + sub : ''}` : base;
  }

  private async process(k: string, { member, owner }: Item): Promise<void> {
    const name = k.slice(k.indexOf('/') + 1);
    if (!member) {
      this.written.delete(k);
      // Not found: the hub's garbage collector (or an earlier attempt) removed it already.
      try {
        await this.hub.request('DELETE', this.path(owner, name), { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' }, discard: true });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      return;
    }
    const desired = upsyncedReplicaSet(member, owner, this.key);
    const status = member.status ?? {};
    const hash = hashJson({ desired, status });
    if (this.written.get(k) === hash) return;
    try {
      let current = await this.hub.get(this.path(owner, name));
      if (!current) {
        current = await this.hub.request('POST', this.path(owner), { body: desired });
      } else if (hashJson(pick(current)) !== hashJson(pick(desired))) {
        current = await this.hub.request('PUT', this.path(owner, name), { body: { ...desired, metadata: { ...desired.metadata, resourceVersion: current.metadata?.resourceVersion } } });
      }
      if (hashJson(current?.status ?? {}) !== hashJson(status)) {
        await this.hub.jsonPatch(this.path(owner, name, 'status'), [{ op: 'add', path: '/status', value: status }]);
      }
      this.written.set(k, hash);
    } catch (e) {
      // Refused: its Deployment is going, or no longer placed on the target. Nothing to retry.
      if (e instanceof ApiError && (e.status === 403 || e.status === 404)) {
        this.log.debug({ replicaSet: k, err: e.message }, 'upsync refused');
        return;
      }
      throw e;
    }
  }
}

/** What the agent sets on an upsynced ReplicaSet (the rest is the hub's). */
function pick(o: KObject): KObject {
  const m = o.metadata ?? {};
  const annotations = { ...(m.annotations ?? {}) };
  delete annotations['kcp.io/cluster'];
  return { labels: m.labels ?? {}, annotations, ownerReferences: m.ownerReferences ?? [], spec: o.spec ?? {} };
}
