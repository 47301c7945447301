// coordination.k8s.io/v1 Leases (pkg/apis/coordination/validation ValidateLeaseSpec).

import { isQualifiedName } from '../machinery/validation.js';
import { type FieldError, type KObject, forbidden, invalid, isSet, notSupported, num, obj, str } from './field.js';

/** ValidateLease / ValidateLeaseUpdate (kind rules). */
export function validateLease(lease: KObject): FieldError[] {
  const spec = obj(lease.spec);
  const errs: FieldError[] = [];
  if (isSet(spec.leaseDurationSeconds) && num(spec.leaseDurationSeconds) <= 0) errs.push(invalid('spec.leaseDurationSeconds', num(spec.leaseDurationSeconds), 'must be greater than 0'));
  if (isSet(spec.leaseTransitions) && num(spec.leaseTransitions) < 0) errs.push(invalid('spec.leaseTransitions', num(spec.leaseTransitions), 'must be greater than or equal to 0'));
  if (isSet(spec.strategy)) {
    const s = str(spec.strategy);
    if (!s.includes('/')) {
      if (s !== 'OldestEmulationVersion') errs.push(notSupported('spec.strategy', s, ['OldestEmulationVersion']));
    } else {
      const msgs = isQualifiedName(s);
      if (msgs.length) errs.push(invalid('spec.strategy', s, msgs.join(',')));
    }
  }
  if (str(spec.preferredHolder) && !str(spec.strategy)) errs.push(forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  return errs;
}
