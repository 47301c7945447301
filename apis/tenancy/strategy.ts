// Per-kind rules of the tenancy kinds: a new Workspace starts Scheduling; its type and owner never
// change; spec.cluster and spec.URL are the system's to set, once. LogicalClusters are written by
// the system only.

import { FieldError, KObject, Strategy } from '../resources/model.js';
import { OWNER_ANNOTATION } from './names.js';

type Caller = { username: string; groups: string[] } | undefined;

/** Writes that only kplane itself (and cluster administrators) may make. */
export function isPrivileged(caller: Caller): boolean {
  return !!caller && caller.groups.includes('system:masters');
}

const immutable = (field: string, value: unknown): FieldError => ({ type: 'Invalid', field, value, detail: 'field is immutable' });

export const workspaceStrategy: Strategy = {
  prepareForCreate(obj) {
    obj.status = { phase: 'Scheduling' };
  },
  validate(obj: KObject, old: KObject | undefined, caller: Caller): FieldError[] {
    const errs: FieldError[] = [];
    const spec = obj.spec ?? {};
    const was = old?.spec ?? {};
    for (const f of ['cluster', 'URL'] as const) {
      if (spec[f] === was[f]) continue;
      if (was[f] !== undefined) errs.push(immutable(`spec.${f}`, spec[f] ?? ''));
      else if (!isPrivileged(caller)) errs.push({ type: 'Forbidden', field: `spec.${f}`, detail: 'may only be set by the system' });
    }
    if (old && JSON.stringify(spec.type ?? null) !== JSON.stringify(was.type ?? null)) errs.push(immutable('spec.type', spec.type));
    const owner = obj.metadata?.annotations?.[OWNER_ANNOTATION];
    if (old && owner !== old.metadata?.annotations?.[OWNER_ANNOTATION] && !isPrivileged(caller)) {
      errs.push({ type: 'Forbidden', field: `metadata.annotations[${OWNER_ANNOTATION}]`, detail: 'may only be set by the system' });
    }
    return errs;
  },
};

export const logicalClusterStrategy: Strategy = {
  validate(obj: KObject, _old: KObject | undefined, caller: Caller): FieldError[] {
    const errs: FieldError[] = [];
    if (obj.metadata?.name !== 'cluster') errs.push({ type: 'Invalid', field: 'metadata.name', value: obj.metadata?.name ?? '', detail: 'must be "cluster"' });
    if (!isPrivileged(caller)) errs.push({ type: 'Forbidden', field: 'metadata', detail: 'logical clusters are managed by the system' });
    return errs;
  },
};
