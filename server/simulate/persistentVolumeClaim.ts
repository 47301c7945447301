// PersistentVolumeClaims bind at once, as if a provisioner made a volume of the requested size:
// the binder's spec.volumeName ("pvc-<claim uid>", the name dynamic provisioning gives) and
// bind annotations, then phase Bound with the volume's capacity and access modes. A larger
// request later is granted as an expansion would be.

import { KObject } from '../../apis/resources/model.js';
import { ObjectKey } from '../../storage/store.js';
import { CONTROLLER_MANAGER, SimulationContext, WriteStep, statusStep, updateObject } from './writes.js';

export const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';

/** The volume a claim binds to: the one it names, or the one provisioned for it. */
export function volumeNameOf(pvc: KObject): string {
  return pvc.spec?.volumeName || `pvc-${pvc.metadata?.uid}`;
}

/**
 * The claim with the binder's spec and metadata changes, or undefined when it is bound already.
 * A claim that named its volume itself is bound to it without the bound-by-controller mark.
 */
export function boundClaim(pvc: KObject): KObject | undefined {
  const annotations: KObject = pvc.metadata?.annotations ?? {};
  const byController = !pvc.spec?.volumeName || annotations[BOUND_BY_CONTROLLER] === 'yes';
  const wanted: Record<string, string> = { [BIND_COMPLETED]: 'yes', ...(byController ? { [BOUND_BY_CONTROLLER]: 'yes' } : {}) };
  if (pvc.spec?.volumeName && Object.entries(wanted).every(([k, v]) => annotations[k] === v)) return undefined;
  const next = structuredClone(pvc);
  next.spec = { ...(next.spec ?? {}), volumeName: volumeNameOf(pvc) };
  next.metadata.annotations = { ...annotations, ...wanted };
  return next;
}

/** The status of a bound claim (fields in upstream's order). */
export function claimStatus(pvc: KObject): KObject {
  const status: KObject = { phase: 'Bound' };
  if (Array.isArray(pvc.spec?.accessModes)) status.accessModes = [...pvc.spec.accessModes];
  const storage = pvc.spec?.resources?.requests?.storage;
  if (storage !== undefined) status.capacity = { storage };
  return status;
}

export async function syncPersistentVolumeClaim(ctx: SimulationContext, key: ObjectKey): Promise<boolean> {
  const steps: WriteStep[] = [
    { target: '', build: (pvc) => (pvc.metadata?.deletionTimestamp ? undefined : boundClaim(pvc)) },
    statusStep((pvc) => (pvc.metadata?.deletionTimestamp || !pvc.spec?.volumeName ? undefined : claimStatus(pvc))),
  ];
  await updateObject(ctx, key, CONTROLLER_MANAGER, steps);
  return true;
}
