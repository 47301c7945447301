// rbac.authorization.k8s.io/v1 (pkg/apis/rbac/validation): policy rules of Roles and
// ClusterRoles, aggregation selectors, and the roleRef and subjects of bindings.

import { validateLabelSelector } from '../machinery/objectMetaValidation.js';
import { isValidPathSegmentName, nameIsDNSSubdomain } from '../machinery/validation.js';
import { type FieldError, type KObject, child, index, invalid, isSet, list, notSupported, obj, objects, required, str } from './field.js';
import { nameErrors } from './common.js';
import { goStringSlice, goStructText, goValue } from './goValue.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** ValidatePolicyRule. */
function validatePolicyRule(rule: KObject, namespaced: boolean, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (list(rule.verbs).length === 0) errs.push(required(child(fldPath, 'verbs'), 'verbs must contain at least one value'));
  const urls = list(rule.nonResourceURLs);
  if (urls.length) {
    const value = goStringSlice(urls);
    if (namespaced) errs.push(invalid(child(fldPath, 'nonResourceURLs'), value, 'namespaced rules cannot apply to non-resource URLs'));
    if (list(rule.apiGroups).length || list(rule.resources).length || list(rule.resourceNames).length) {
      errs.push(invalid(child(fldPath, 'nonResourceURLs'), value, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (list(rule.apiGroups).length === 0) errs.push(required(child(fldPath, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (list(rule.resources).length === 0) errs.push(required(child(fldPath, 'resources'), 'resource rules must supply at least one resource'));
  return errs;
}

/** ValidateRole. */
export function validateRole(role: KObject): FieldError[] {
  return objects(role.rules).flatMap((r, i) => validatePolicyRule(r, true, index('rules', i)));
}

/** ValidateClusterRole. */
export function validateClusterRole(role: KObject): FieldError[] {
  const errs = objects(role.rules).flatMap((r, i) => validatePolicyRule(r, false, index('rules', i)));
  if (isSet(role.aggregationRule)) {
    const selectors = objects(obj(role.aggregationRule).clusterRoleSelectors);
    if (!selectors.length) errs.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    selectors.forEach((sel, i) => errs.push(...validateLabelSelector(sel, index('aggregationRule.clusterRoleSelectors', i))));
  }
  return errs;
}

/** ValidateRoleBindingSubject. */
function validateSubject(s: KObject, namespaced: boolean, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(s.name);
  if (!name) errs.push(required(child(fldPath, 'name')));
  switch (str(s.kind)) {
    case 'ServiceAccount':
      if (name) errs.push(...nameErrors(nameIsDNSSubdomain, name, child(fldPath, 'name')));
      if (str(s.apiGroup)) errs.push(notSupported(child(fldPath, 'apiGroup'), str(s.apiGroup), ['']));
      if (!namespaced && !str(s.namespace)) errs.push(required(child(fldPath, 'namespace')));
      break;
    case 'User':
    case 'Group':
      if (str(s.apiGroup) !== RBAC_GROUP) errs.push(notSupported(child(fldPath, 'apiGroup'), str(s.apiGroup), [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(child(fldPath, 'kind'), str(s.kind), ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

const roleRefValue = (ref: KObject) =>
  goValue(goStructText('rbac.RoleRef', [['APIGroup', str(ref.apiGroup)], ['Kind', str(ref.kind)], ['Name', str(ref.name)]]));

/** ValidateRoleBinding / ValidateClusterRoleBinding and their updates (roleRef cannot change). */
export function validateBinding(binding: KObject, namespaced: boolean, old?: KObject): FieldError[] {
  const ref = obj(binding.roleRef);
  const errs: FieldError[] = [];
  if (str(ref.apiGroup) !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', str(ref.apiGroup), [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(str(ref.kind))) errs.push(notSupported('roleRef.kind', str(ref.kind), kinds));
  const name = str(ref.name);
  if (!name) errs.push(required('roleRef.name'));
  else errs.push(...isValidPathSegmentName(name).map((m) => invalid('roleRef.name', name, m)));
  objects(binding.subjects).forEach((s, i) => errs.push(...validateSubject(s, namespaced, index('subjects', i))));
  if (old) {
    const o = obj(old.roleRef);
    if (str(o.apiGroup) !== str(ref.apiGroup) || str(o.kind) !== str(ref.kind) || str(o.name) !== name) {
      errs.push(invalid('roleRef', roleRefValue(ref), 'cannot change roleRef'));
    }
  }
  return errs;
}
