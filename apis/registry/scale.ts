// The /scale subresource: an autoscaling/v1 Scale view of an object's replicas (kubectl scale,
// HorizontalPodAutoscalers). Writes go to the object's replicas field as an ordinary update.

import { errors } from '../errors.js';
import { labelSelectorAsSelector } from '../machinery/labels.js';
import { KObject, ScaleDef } from '../resources/model.js';
import { Store } from '../../storage/store.js';
import { WriteResult } from './create.js';
import { PatchKind, applyPatchBody } from './patch.js';
import { Scope, WriteOptions, decodeBody } from './scope.js';
import { computeUpdate, runUpdate } from './update.js';
import { get } from './read.js';

const SCALE_TYPE = 'autoscaling/v1:Scale';

function path(p: string): string[] {
  return p.replace(/^\./, '').split('.');
}

function read(obj: KObject, p: string): unknown {
  let v: unknown = obj;
  for (const k of path(p)) v = v && typeof v === 'object' ? (v as KObject)[k] : undefined;
  return v;
}

function write(obj: KObject, p: string, value: unknown): void {
  const keys = path(p);
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] && typeof o[k] === 'object' ? o[k] : (o[k] = {});
  o[keys[keys.length - 1]] = value;
}

function selectorText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') return labelSelectorAsSelector(v as KObject).toString();
  return '';
}

function scaleDef(s: Scope): ScaleDef {
  if (!s.r.scale) throw errors.pathNotFound();
  return s.r.scale;
}

/** The Scale of an object, as kube-apiserver's scale subresources build it. */
export function toScale(def: ScaleDef, obj: KObject): KObject {
  const m = obj.metadata ?? {};
  const status: KObject = { replicas: Number(read(obj, def.statusReplicasPath) ?? 0) };
  const selector = def.labelSelectorPath ? selectorText(read(obj, def.labelSelectorPath)) : '';
  if (selector) status.selector = selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: Number(read(obj, def.specReplicasPath) ?? 0) },
    status,
  };
}

export async function getScale(store: Store, s: Scope, name: string): Promise<KObject> {
  return toScale(scaleDef(s), await get(store, s, name));
}

/** Applies a decoded Scale to the object `old`: only the replicas change. */
function applyScale(s: Scope, def: ScaleDef, scale: KObject, old: KObject, manager: string): ReturnType<typeof computeUpdate> {
  const replicas = scale.spec?.replicas;
  if (typeof replicas !== 'number' || replicas < 0) {
    throw errors.invalid({ group: 'autoscaling', kind: 'Scale' }, old.metadata.name, [
      { type: 'Invalid', field: 'spec.replicas', value: replicas ?? 0, detail: 'must be greater than or equal to 0' },
    ]);
  }
  const next = structuredClone(old);
  write(next, def.specReplicasPath, replicas);
  next.metadata.resourceVersion = scale.metadata?.resourceVersion || old.metadata.resourceVersion;
  if (scale.metadata?.uid && scale.metadata.uid !== old.metadata.uid) {
    throw errors.conflict(s.r.gr, old.metadata.name, `Precondition failed: UID in precondition: ${scale.metadata.uid}, UID in object meta: ${old.metadata.uid}`);
  }
  return computeUpdate(s, next, old, 'scale', manager);
}

function decodeScale(s: Scope, body: unknown, opts: WriteOptions, name: string): { scale: KObject; warnings: string[] } {
  const { obj, warnings } = decodeBody(s, body, opts.fieldValidation, 'Scale', 'autoscaling/v1', SCALE_TYPE);
  if (obj.metadata?.name && obj.metadata.name !== name) {
    throw errors.badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
  }
  return { scale: obj, warnings };
}

export async function updateScale(store: Store, s: Scope, name: string, body: unknown, opts: WriteOptions): Promise<WriteResult> {
  const def = scaleDef(s);
  const { scale, warnings } = decodeScale(s, body, opts, name);
  const object = await runUpdate(store, s, name, opts, (old) => applyScale(s, def, scale, old, opts.fieldManager ?? ''));
  return { object: toScale(def, object), code: 200, warnings };
}

export async function patchScale(store: Store, s: Scope, name: string, kind: PatchKind, body: unknown, opts: WriteOptions): Promise<WriteResult> {
  const def = scaleDef(s);
  let warnings: string[] = [];
  const scaleScope: Scope = { ...s, r: { ...s.r, type: SCALE_TYPE } };
  const object = await runUpdate(store, s, name, opts, (old) => {
    const patched = applyPatchBody(scaleScope, kind, toScale(def, old), body);
    const decoded = decodeScale(s, patched, opts, name);
    warnings = decoded.warnings;
    return applyScale(s, def, decoded.scale, old, opts.fieldManager ?? '');
  });
  return { object: toScale(def, object), code: 200, warnings };
}
