// The CustomResourceDefinition strategy (apiextensions registry/customresourcedefinition):
// defaults, stored versions kept in status, and deletion that always waits for the cleanup
// finalizer so the definition's custom objects go first.

import { KObject, Strategy } from '../resources/model.js';
import { validators } from '../validation/index.js';
import { CLEANUP_FINALIZER, TERMINATING, setCondition } from './conditions.js';

/** SetDefaults_CustomResourceDefinition (v1). */
function defaults(crd: KObject): void {
  const spec = (crd.spec ??= {});
  const names = (spec.names ??= {});
  if (typeof names.kind === 'string') {
    if (!names.singular) names.singular = names.kind.toLowerCase();
    if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  }
  spec.conversion ??= { strategy: 'None' };
  // SetDefaults_ServiceReference.
  const svc = spec.conversion?.webhook?.clientConfig?.service;
  if (svc && typeof svc === 'object' && svc.port === undefined) svc.port = 443;
  if (!Array.isArray(crd.status?.storedVersions) || crd.status.storedVersions.length === 0) recordStorageVersion(crd);
}

/** Appends the storage version to status.storedVersions when it is not listed yet. */
function recordStorageVersion(crd: KObject): void {
  const storage = (Array.isArray(crd.spec?.versions) ? crd.spec.versions : []).find((v: KObject) => v?.storage === true);
  if (!storage?.name) return;
  const status = (crd.status ??= {});
  const stored: string[] = Array.isArray(status.storedVersions) ? status.storedVersions : (status.storedVersions = []);
  if (!stored.includes(storage.name)) stored.push(storage.name);
}

export const crdStrategy: Strategy = {
  defaults,
  prepareForCreate(crd) {
    crd.status = { acceptedNames: { plural: '', kind: '' } };
    recordStorageVersion(crd);
  },
  prepareForUpdate(crd) {
    recordStorageVersion(crd);
  },
  validate: (crd, old) => validators.CustomResourceDefinition!(crd, old),
  // The first delete only marks the definition; the finalizer controller deletes its objects and
  // then releases it.
  holdsDeletion: (crd) => !crd.metadata?.deletionTimestamp,
  beginDeletion(crd) {
    const finalizers: string[] = (crd.metadata.finalizers ??= []);
    if (!finalizers.includes(CLEANUP_FINALIZER)) finalizers.push(CLEANUP_FINALIZER);
    setCondition(crd, {
      type: TERMINATING,
      status: 'True',
      reason: 'InstanceDeletionPending',
      message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
    });
  },
};
