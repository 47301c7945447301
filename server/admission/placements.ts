// Admission of Placement writes: placing namespaces on the SyncTargets of a compute workspace
// needs verb "use" on synctargets there, like kcp's APIBinding needs "bind" on its export. Checked
// on create and whenever the spec changes (a wider namespace selector uses the targets more);
// metadata and status writes pass, so a caller who lost the permission can still clean up. A
// workspace that does not exist is refused with the same words as one that is not allowed, so the
// answer tells nothing about other workspaces; cluster administrators pass either way (the
// controller then reports the placement Misconfigured).

import { errors } from '../../apis/errors.js';
import { deepEqual } from '../../apis/machinery/jsonEqual.js';
import { KObject } from '../../apis/resources/model.js';
import { SYNC_GROUP, USE_VERB } from '../../apis/sync/contract.js';
import { isPrivileged } from '../../apis/tenancy/strategy.js';
import type { AdmissionContext } from './index.js';

const PLACEMENTS = { group: SYNC_GROUP, resource: 'placements' };

export async function admitPlacementWrite(ctx: AdmissionContext, obj: KObject, old: KObject | undefined): Promise<void> {
  if (old && deepEqual(obj.spec, old.spec)) return;
  if (isPrivileged(ctx.user)) return;
  const location: string = obj.spec?.location?.workspace ?? '';
  const compute = location ? await ctx.workspaces.resolve(location) : undefined;
  const decision = compute
    ? await ctx.authorizer.authorize(ctx.user, { cluster: compute, verb: USE_VERB, group: SYNC_GROUP, resource: 'synctargets' })
    : { allowed: false };
  if (decision.allowed) return;
  throw errors.forbidden(
    PLACEMENTS,
    obj.metadata?.name ?? '',
    `User "${ctx.user.username}" cannot ${USE_VERB} resource "synctargets" in API group "${SYNC_GROUP}" in workspace "${location}"`,
  );
}
