// ObjectMeta validation for a resource: its name rule and scope on create, immutability and
// finalizer rules on update (upstream ValidateObjectMeta / ValidateObjectMetaUpdate).

import { FieldError, KObject } from '../resources/model.js';
import { validateObjectMeta as validateMeta, validateObjectMetaUpdate } from '../machinery/objectMetaValidation.js';
import { nameValidator } from '../machinery/validation.js';
import { Scope } from './scope.js';

export function validateObjectMeta(s: Scope, obj: KObject, old: KObject | undefined): FieldError[] {
  if (old) return validateObjectMetaUpdate(obj.metadata, old.metadata);
  return validateMeta(obj.metadata, { nameFn: nameValidator(s.r.nameRule ?? 'subdomain'), namespaced: s.r.namespaced });
}
