// Upstream's strategic merge patch error texts (apimachinery pkg/util/mergepatch/errors.go and
// pkg/util/strategicpatch) as PatchErrors with the status kube-apiserver answers with, and the
// small helpers the merge and the ordering share.

import { patchErrors } from './errors.js';
import { goSprintS, goSprintV, goTypeName } from './goFormat.js';
import { deepEqual, isJsonObject } from './jsonEqual.js';

export type JMap = Record<string, unknown>;

export const DIRECTIVE = '$patch';
export const DELETE = 'delete';

export const errBadPatchFormatForPrimitiveList = () => patchErrors.badRequest('invalid patch format of primitive list');
export const errBadPatchFormatForRetainKeys = () => patchErrors.badRequest('invalid patch format of retainKeys');
export const errBadPatchFormatForSetElementOrderList = () => patchErrors.badRequest('invalid patch format of setElementOrder list');
export const errNoListOfLists = () => patchErrors.rejected('lists of lists are not supported');
/** Errors kube-apiserver does not classify: 500 without a reason, upstream's text. */
export const fail = (message: string) => patchErrors.unclassified(message);
export const errNoMergeKey = (m: unknown, key: string) => fail(`map: ${goSprintV(m)} does not contain declared merge key: ${key}`);
export const errBadArgType = (expected: 'map' | 'slice', actual: unknown) =>
  fail(`expected a ${expected === 'map' ? 'map[string]interface {}' : '[]interface {}'}, but received a ${goTypeName(actual)}`);
export const errBadPatchType = (t: unknown, m: unknown) => fail(`unknown patch type: ${goSprintS(t)} in map: ${goSprintV(m)}`);

export const own = (o: JMap, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Go's == on two JSON-decoded values (maps and slices, which Go cannot compare, compare deeply). */
export const same = (a: unknown, b: unknown) => (typeof a === 'object' && a !== null ? deepEqual(a, b) : a === b);

/** findMapInSliceBasedOnKeyValue: the first object whose `key` equals `value`. */
export function findByKey(list: unknown[], key: string, value: unknown): { map: JMap; index: number } | undefined {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isJsonObject(v)) throw fail(`value for key ${i} is not a map`);
    if (own(v, key) && same(v[key], value)) return { map: v, index: i };
  }
  return undefined;
}
