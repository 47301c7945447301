// Per-kind validation as the resources' strategy.validate hooks use it: the kind's own rules
// (upstream's ValidateX / ValidateXUpdate) combined with the catalogue-driven structural pass.
//
// A write that changes nothing but status (a /status update, or a no-op) is not validated
// against the spec rules: upstream validates such writes with its status-only functions, and an
// object stored before these rules existed must still accept status from its controller.

import { deepEqual } from '../machinery/jsonEqual.js';
import { typeRegistry } from '../types/index.js';
import type { FieldError, KObject } from './field.js';
import { validateDaemonSet, validateDeployment, validateReplicaSet, validateStatefulSet } from './apps.js';
import { validateHorizontalPodAutoscaler } from './autoscaling.js';
import { validateCronJob, validateJob } from './batch.js';
import { validateConfigMap, validateSecret } from './configData.js';
import { validateLease } from './coordination.js';
import { validateLimitRange, validateNamespace, validateResourceQuota } from './coreMisc.js';
import { validateCustomResourceDefinition } from '../crd/validation.js';
import { validateCoreEvent, validateStrictEvent } from './events.js';
import { validateIngress, validateNetworkPolicy } from './networking.js';
import { validatePodDisruptionBudget } from './policy.js';
import { validatePersistentVolumeClaim } from './pvc.js';
import { validateBinding, validateClusterRole, validateRole } from './rbac.js';
import { validateService } from './service.js';
import { combine, validateStructure } from './structure.js';

export { validateStructure, combine } from './structure.js';
export type { FieldError, KObject };

/** A strategy.validate hook: `old` is set on updates. */
export type KindValidator = (obj: KObject, old?: KObject) => FieldError[];

const VOLATILE_META = ['resourceVersion', 'managedFields', 'generation'];

function withoutStatus(o: KObject): KObject {
  const { status: _status, metadata, ...rest } = o;
  const meta = { ...(metadata ?? {}) };
  for (const k of VOLATILE_META) delete meta[k];
  return { ...rest, metadata: meta };
}

/** True when `obj` differs from `old` in status (and server-maintained metadata) only. */
export const onlyStatusChanged = (obj: KObject, old: KObject): boolean => deepEqual(withoutStatus(obj), withoutStatus(old));

/** The kind validator of catalogue type `typeId`, with the structural pass and the status exemption. */
export function kindValidator(typeId: string, validate: KindValidator): KindValidator {
  return (obj, old) => {
    if (old && onlyStatusChanged(obj, old)) return [];
    return combine(validate(obj, old), validateStructure(typeRegistry(), typeId, obj));
  };
}

/** The validators of the built-in kinds, by kind (rbac bindings and events by scope or API). */
export const validators = {
  ConfigMap: kindValidator('core/v1:ConfigMap', validateConfigMap),
  Secret: kindValidator('core/v1:Secret', validateSecret),
  ServiceAccount: kindValidator('core/v1:ServiceAccount', () => []),
  Namespace: kindValidator('core/v1:Namespace', validateNamespace),
  Service: kindValidator('core/v1:Service', validateService),
  PersistentVolumeClaim: kindValidator('core/v1:PersistentVolumeClaim', validatePersistentVolumeClaim),
  ResourceQuota: kindValidator('core/v1:ResourceQuota', validateResourceQuota),
  LimitRange: kindValidator('core/v1:LimitRange', validateLimitRange),
  Event: kindValidator('core/v1:Event', validateCoreEvent),
  /** An events.k8s.io/v1 Event, given in its core/v1 form (the caller converts). */
  StrictEvent: kindValidator('core/v1:Event', validateStrictEvent),
  Deployment: kindValidator('apps/v1:Deployment', validateDeployment),
  ReplicaSet: kindValidator('apps/v1:ReplicaSet', validateReplicaSet),
  StatefulSet: kindValidator('apps/v1:StatefulSet', validateStatefulSet),
  DaemonSet: kindValidator('apps/v1:DaemonSet', validateDaemonSet),
  Job: kindValidator('batch/v1:Job', validateJob),
  CronJob: kindValidator('batch/v1:CronJob', validateCronJob),
  Ingress: kindValidator('networking/v1:Ingress', validateIngress),
  NetworkPolicy: kindValidator('networking/v1:NetworkPolicy', validateNetworkPolicy),
  PodDisruptionBudget: kindValidator('policy/v1:PodDisruptionBudget', validatePodDisruptionBudget),
  /** An HPA in its autoscaling/v2 form (autoscaling/v1 objects are converted by the caller). */
  HorizontalPodAutoscaler: kindValidator('autoscaling/v2:HorizontalPodAutoscaler', validateHorizontalPodAutoscaler),
  Role: kindValidator('rbac/v1:Role', validateRole),
  ClusterRole: kindValidator('rbac/v1:ClusterRole', validateClusterRole),
  RoleBinding: kindValidator('rbac/v1:RoleBinding', (b, old) => validateBinding(b, true, old)),
  ClusterRoleBinding: kindValidator('rbac/v1:ClusterRoleBinding', (b, old) => validateBinding(b, false, old)),
  Lease: kindValidator('coordination/v1:Lease', validateLease),
  // Definitions are checked by their own rules only: upstream has no generic required-field check for them.
  CustomResourceDefinition: ((obj, old) => (old && onlyStatusChanged(obj, old) ? [] : validateCustomResourceDefinition(obj, old))) as KindValidator,
} satisfies Record<string, KindValidator>;
