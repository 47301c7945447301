// sync.kplane.io Placements: the location names a workspace (a path like root:compute, or a
// logical cluster id), the selectors are valid label selectors and at least one target is asked for.

import { validateLabelSelector } from '../machinery/objectMetaValidation.js';
import { isWorkspaceName } from '../tenancy/names.js';
import { type FieldError, type KObject, invalid, isSet, obj } from './field.js';

const WORKSPACE_REFERENCE = 'must be a workspace path (like root:compute) or a logical cluster id';

export function validatePlacement(p: KObject): FieldError[] {
  const spec = obj(p.spec);
  const errs: FieldError[] = [];
  const workspace = obj(spec.location).workspace;
  if (typeof workspace === 'string' && workspace !== '' && !workspace.split(':').every(isWorkspaceName)) {
    errs.push(invalid('spec.location.workspace', workspace, WORKSPACE_REFERENCE));
  }
  if (isSet(spec.namespaceSelector)) errs.push(...validateLabelSelector(obj(spec.namespaceSelector), 'spec.namespaceSelector'));
  if (isSet(obj(spec.location).selector)) errs.push(...validateLabelSelector(obj(spec.location.selector), 'spec.location.selector'));
  if (isSet(spec.numberOfTargets) && !(typeof spec.numberOfTargets === 'number' && spec.numberOfTargets >= 1)) {
    errs.push(invalid('spec.numberOfTargets', spec.numberOfTargets, 'must be greater than or equal to 1'));
  }
  return errs;
}
