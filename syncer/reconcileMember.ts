// A member copy changed (or went away): correct drift and copy its status upstream.
// Drift: when the copy's content fingerprint differs from the one the agent last wrote or checked,
// the workspace object is read through the view and, if the fields the agent sets differ, applied
// again. Status: written to the workspace object's status subresource (observedGeneration
// translated) when it differs from what is there, and only for objects placed on this target alone.

import { KObject, ApiError, isNotFound } from './client.js';
import { AgentContext, desiredCopy, viewObjectPath } from './context.js';
import { isSubset, driftedPaths } from './drift.js';
import { ObjectRef, SyncRecord, recordKey } from './inventory.js';
import { applyDesired, noteUpstream, reconcileApply } from './reconcileApply.js';
import { SyncedResource } from './resources.js';
import { hashJson } from './specHash.js';
import { upstreamStatus } from './status.js';
import { memberContentHash } from './transform.js';

/** The workspace object through the view (undefined when gone or unplaced). */
async function readUpstream(ctx: AgentContext, r: SyncedResource, ref: ObjectRef): Promise<KObject | undefined> {
  return ctx.hub.get(viewObjectPath(ctx, r, ref));
}

/** Writes the member's status upstream when it differs from what is there. */
async function upsyncStatus(ctx: AgentContext, r: SyncedResource, ref: ObjectRef, rec: SyncRecord, member: KObject): Promise<void> {
  const status = upstreamStatus(member);
  if (!status) return;
  const h = hashJson(status);
  if (rec.statusHash === undefined) {
    // Not known since the agent started: read it rather than write blindly.
    const up = await readUpstream(ctx, r, ref);
    if (!up || up.metadata?.deletionTimestamp) return;
    noteUpstream(ctx, r, rec, up);
  }
  if (h === rec.statusHash || !rec.single) return;
  try {
    // add replaces the whole status, so fields the member dropped go upstream too.
    await ctx.hub.jsonPatch(viewObjectPath(ctx, r, ref, 'status'), [{ op: 'add', path: '/status', value: status }]);
    rec.statusHash = h;
  } catch (e) {
    if (isNotFound(e)) return;
    if (e instanceof ApiError && e.status === 422) {
      // The workspace's schema refuses part of it: remember it so the same status is not retried.
      ctx.log.warn({ resource: r.id, ...ref, err: e.message }, 'workspace refused the status');
      rec.statusHash = h;
      return;
    }
    throw e;
  }
}

/** `member` is the member copy as the member watch saw it; undefined when it left (deleted or unlabelled). */
export async function reconcileMember(ctx: AgentContext, r: SyncedResource, ref: ObjectRef, member: KObject | undefined): Promise<void> {
  const key = recordKey(r.id, ref);
  const rec = ctx.inventory.get(key);
  if (!rec) return; // not (or no longer) synced: upstream decides
  if (!member) {
    const wasThere = rec.onMember;
    rec.onMember = false;
    if (rec.state !== 'Applied' || !wasThere) return;
    // Deleted on the member behind our back: put it back if it is still placed.
    const up = await readUpstream(ctx, r, ref);
    if (up && !up.metadata?.deletionTimestamp) {
      ctx.log.info({ resource: r.id, ...ref }, 'member copy disappeared: recreating');
      await reconcileApply(ctx, r, ref, up);
    }
    return;
  }
  rec.onMember = true;
  if (rec.state !== 'Applied') return;
  let current = member;
  const contentHash = memberContentHash(member);
  if (contentHash !== rec.memberHash) {
    const up = await readUpstream(ctx, r, ref);
    if (!up || up.metadata?.deletionTimestamp) return;
    noteUpstream(ctx, r, rec, up);
    const desired = desiredCopy(ctx, r, ref, up);
    if (!isSubset(desired.object, member)) {
      ctx.log.info({ resource: r.id, ...ref, fields: driftedPaths(desired.object, member) }, 'drift on the member: re-applying');
      const applied = await applyDesired(ctx, r, ref, rec, desired, up);
      if (!applied) return;
      current = applied;
    } else {
      rec.memberHash = contentHash;
    }
  }
  if (r.status) await upsyncStatus(ctx, r, ref, rec, current);
}
