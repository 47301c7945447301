// Custom resources: a CRD synced from a workspace (or already serving on the member) starts the
// sync of its objects; they are applied only once the member reports the CRD Established.

import { KObject, KubeClient } from './client.js';
import { CrdGate } from './context.js';
import { CRDS, SyncedResource, customResource, resourcePath } from './resources.js';

/** How long an answer about a CRD the agent does not watch (not ours) is trusted. */
const CHECK_TTL_MS = 3_000;

export function isEstablished(crd: KObject | undefined): boolean {
  return (crd?.status?.conditions ?? []).some((c: KObject) => c?.type === 'Established' && c.status === 'True');
}

export class CrdTracker implements CrdGate {
  /** "<plural>.<group>" of the member CRDs the agent manages that are Established (fed by the member watch). */
  private readonly established = new Set<string>();
  /** Custom resources being synced, by resource id. */
  private readonly custom = new Map<string, SyncedResource>();
  private readonly checked = new Map<string, { at: number; ok: boolean }>();

  constructor(private readonly member: KubeClient, private readonly startResource: (r: SyncedResource) => void) {}

  isCustom(r: SyncedResource): boolean {
    return this.custom.has(r.id);
  }

  resources(): SyncedResource[] {
    return [...this.custom.values()];
  }

  async isEstablished(r: SyncedResource): Promise<boolean> {
    const name = `${r.plural}.${r.group}`;
    if (this.established.has(name)) return true;
    const c = this.checked.get(name);
    if (c && Date.now() - c.at < CHECK_TTL_MS) return c.ok;
    const ok = isEstablished(await this.member.get(resourcePath(CRDS, undefined, name)));
    this.checked.set(name, { at: Date.now(), ok });
    return ok;
  }

  crdSynced(crd: KObject): void {
    const r = customResource(crd);
    if (!r || this.custom.has(r.id)) return;
    this.custom.set(r.id, r);
    this.startResource(r);
  }

  /** A member CRD the agent manages changed (undefined: it went away). */
  memberCrd(name: string, crd: KObject | undefined): void {
    if (crd && isEstablished(crd)) this.established.add(name);
    else this.established.delete(name);
    this.checked.delete(name);
  }
}
