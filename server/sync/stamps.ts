// The placement's marks on workspace objects, as pure functions over metadata: per target key the
// state label, the syncer finalizer and (on namespaces) the policy annotations. One function
// computes the metadata carrying exactly the wanted keys, so the controller's sweep, its cleanup
// and the write-time hook agree on what a placed object looks like.

import { KObject } from '../../apis/resources/model.js';
import {
  CONFLICT_POLICY_ANNOTATION_PREFIX,
  DELETION_POLICY_ANNOTATION_PREFIX,
  STATE_LABEL_PREFIX,
  SYNC_CONDITION_ANNOTATION_PREFIX,
  SYNC_STATE,
  SYNCER_FINALIZER_PREFIX,
  conflictPolicyAnnotation,
  deletionPolicyAnnotation,
  stateLabel,
  syncConditionAnnotation,
  syncerFinalizer,
} from '../../apis/sync/contract.js';

export interface PlacementPolicies {
  conflictPolicy: string;
  deletionPolicy: string;
}

/** Wanted target keys; namespaces carry each key's policies, other objects undefined. */
export type WantedKeys = ReadonlyMap<string, PlacementPolicies | undefined>;

/** Annotation prefixes that name a target key and belong to the placement (or its agent). */
const KEYED_ANNOTATIONS = [CONFLICT_POLICY_ANNOTATION_PREFIX, DELETION_POLICY_ANNOTATION_PREFIX, SYNC_CONDITION_ANNOTATION_PREFIX];

const record = (v: unknown): Record<string, string> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** True when the object carries any state label (a cheap test for objects of placed namespaces). */
export function hasStateLabel(obj: KObject | undefined): boolean {
  for (const k of Object.keys(record(obj?.metadata?.labels))) if (k.startsWith(STATE_LABEL_PREFIX)) return true;
  return false;
}

/** Every target key the metadata mentions: state labels, syncer finalizers, keyed annotations. */
export function stampedKeys(meta: KObject | undefined): Set<string> {
  const keys = new Set<string>();
  for (const k of Object.keys(record(meta?.labels))) if (k.startsWith(STATE_LABEL_PREFIX)) keys.add(k.slice(STATE_LABEL_PREFIX.length));
  for (const f of strings(meta?.finalizers)) if (f.startsWith(SYNCER_FINALIZER_PREFIX)) keys.add(f.slice(SYNCER_FINALIZER_PREFIX.length));
  for (const k of Object.keys(record(meta?.annotations))) {
    const prefix = KEYED_ANNOTATIONS.find((p) => k.startsWith(p));
    if (prefix) keys.add(k.slice(prefix.length));
  }
  return keys;
}

/** The keys a namespace is placed on: its state labels set to Sync. */
export function placedKeys(ns: KObject | undefined): string[] {
  return Object.entries(record(ns?.metadata?.labels))
    .filter(([k, v]) => k.startsWith(STATE_LABEL_PREFIX) && v === SYNC_STATE)
    .map(([k]) => k.slice(STATE_LABEL_PREFIX.length));
}

/** A copy-on-write view of one metadata map or list, remembering whether it changed. */
class Edit<T extends Record<string, string> | string[]> {
  changed = false;
  private copy?: T;
  constructor(private readonly original: T | undefined, private readonly empty: () => T) {}
  get value(): T {
    return this.copy ?? this.original ?? this.empty();
  }
  mutable(): T {
    this.changed = true;
    this.copy ??= (Array.isArray(this.original) ? [...this.original] : { ...(this.original ?? {}) }) as T;
    return this.copy;
  }
}

function setEntry(edit: Edit<Record<string, string>>, key: string, value: string | undefined): void {
  const current = edit.value[key];
  if (current === value) return;
  if (value === undefined) {
    if (!(key in edit.value)) return;
    delete edit.mutable()[key];
  } else edit.mutable()[key] = value;
}

/**
 * The metadata with exactly the `wanted` keys stamped (state label Sync, the syncer finalizer when
 * `finalizer`, the policy annotations for keys with policies), or undefined when it already is.
 * Keys not wanted lose all of it, the agent's condition annotation included (unless `addOnly`).
 * An object being deleted gets nothing new: its finalizers must be free to go.
 */
export function restamp(meta: KObject | undefined, wanted: WantedKeys, opts: { finalizer: boolean; addOnly?: boolean }): KObject | undefined {
  const m = meta ?? {};
  const deleting = !!m.deletionTimestamp;
  const labels = new Edit(record(m.labels), () => ({}));
  const annotations = new Edit(record(m.annotations), () => ({}));
  const finalizers = new Edit(strings(m.finalizers), () => []);

  for (const key of opts.addOnly ? [] : stampedKeys(m)) {
    if (wanted.has(key)) continue;
    setEntry(labels, stateLabel(key), undefined);
    for (const a of [conflictPolicyAnnotation(key), deletionPolicyAnnotation(key), syncConditionAnnotation(key)]) setEntry(annotations, a, undefined);
    const i = finalizers.value.indexOf(syncerFinalizer(key));
    if (i >= 0) finalizers.mutable().splice(i, 1);
  }
  for (const [key, policies] of wanted) {
    const labelled = stateLabel(key) in labels.value;
    if (deleting && !labelled) continue;
    setEntry(labels, stateLabel(key), SYNC_STATE);
    if (policies) {
      setEntry(annotations, conflictPolicyAnnotation(key), policies.conflictPolicy);
      setEntry(annotations, deletionPolicyAnnotation(key), policies.deletionPolicy);
    }
    if (opts.finalizer && !deleting && !finalizers.value.includes(syncerFinalizer(key))) finalizers.mutable().push(syncerFinalizer(key));
  }

  if (!labels.changed && !annotations.changed && !finalizers.changed) return undefined;
  const next: KObject = { ...m };
  const put = (field: string, edit: Edit<any>, size: number): void => {
    if (!edit.changed) return;
    if (size) next[field] = edit.value;
    else delete next[field];
  };
  put('labels', labels, Object.keys(labels.value).length);
  put('annotations', annotations, Object.keys(annotations.value).length);
  put('finalizers', finalizers, finalizers.value.length);
  return next;
}
