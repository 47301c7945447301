// apiextensions.k8s.io/v1 CustomResourceDefinitions, the basic structure only
// (k8s.io/apiextensions-apiserver validation): group, scope, names, versions with exactly one
// storage version, and the object name plural.group. Schema validation comes with CRD support.

import { isDNS1035Label, isDNS1123Subdomain } from '../machinery/validation.js';
import { type FieldError, type KObject, child, index, invalid, list, notSupported, obj, objects, required, str } from './field.js';
import { validateImmutable } from './common.js';
import { goValue } from './goValue.js';

/** validateEnumStrings with required = true. */
function validateEnum(fldPath: string, value: string, accepted: string[]): FieldError[] {
  if (!value) return [required(fldPath)];
  return accepted.includes(value) ? [] : [notSupported(fldPath, value, accepted)];
}

/** ValidateCustomResourceDefinitionNames. */
function validateNames(names: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const label = (f: string, lower = false) => {
    const v = str(names[f]);
    const msgs = isDNS1035Label(lower ? v.toLowerCase() : v);
    if (v && msgs.length) errs.push(invalid(child(fldPath, f), v, (lower ? 'may have mixed case, but should otherwise match: ' : '') + msgs.join(',')));
  };
  label('plural');
  label('singular');
  label('kind', true);
  label('listKind', true);
  list(names.shortNames).map(str).forEach((s, i) => {
    const msgs = isDNS1035Label(s);
    if (msgs.length) errs.push(invalid(index(child(fldPath, 'shortNames'), i), s, msgs.join(',')));
  });
  if (str(names.kind) && str(names.kind) === str(names.listKind)) errs.push(invalid(child(fldPath, 'listKind'), str(names.listKind), 'kind and listKind may not be the same'));
  list(names.categories).map(str).forEach((c, i) => {
    const msgs = isDNS1035Label(c);
    if (msgs.length) errs.push(invalid(index(child(fldPath, 'categories'), i), c, msgs.join(',')));
  });
  return errs;
}

/** The versions as the error shows them (upstream prints the internal structs; this is a stand-in). */
const versionsValue = (versions: unknown) => goValue(`[]apiextensions.CustomResourceDefinitionVersion${JSON.stringify(versions ?? null)}`);

/** ValidateCustomResourceDefinition / ...Update (basic structure). */
export function validateCustomResourceDefinition(crd: KObject, old?: KObject): FieldError[] {
  const spec = obj(crd.spec);
  const names = obj(spec.names);
  const group = str(spec.group);
  const errs: FieldError[] = [];
  const name = str(obj(crd.metadata).name);
  if (!old && name && name !== `${str(names.plural)}.${group}`) errs.push(invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  if (!group) errs.push(required('spec.group'));
  else if (isDNS1123Subdomain(group).length) errs.push(invalid('spec.group', group, isDNS1123Subdomain(group).join(',')));
  else if (group.split('.').length < 2) errs.push(invalid('spec.group', group, 'should be a domain with at least one dot'));
  errs.push(...validateEnum('spec.scope', str(spec.scope), ['Cluster', 'Namespaced']));
  const versions = objects(spec.versions);
  let storage = 0;
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    if (v.storage === true) storage++;
    const vn = str(v.name);
    if (seen.has(vn)) unique = false;
    seen.add(vn);
    const msgs = isDNS1035Label(vn);
    if (msgs.length) errs.push(invalid(child(index('spec.versions', i), 'name'), vn, msgs.join(',')));
  });
  if (!unique) errs.push(invalid('spec.versions', versionsValue(spec.versions), 'must contain unique version names'));
  if (storage !== 1) errs.push(invalid('spec.versions', versionsValue(spec.versions), 'must have exactly one version marked as storage version'));
  if (!str(names.plural)) errs.push(required('spec.names.plural'));
  if (!str(names.kind)) errs.push(required('spec.names.kind'));
  errs.push(...validateNames(names, 'spec.names'));
  if (old) errs.push(...validateImmutable(group, str(obj(old.spec).group), 'spec.group'));
  return errs;
}
