// CustomResourceDefinition validation (apiextensions ValidateCustomResourceDefinition and
// ...Update). Upstream validates the internal form of a v1 definition, in which a schema,
// subresources, printer columns or selectable fields that are identical in every version are
// lifted to the spec (spec.validation, spec.subresources, ...): error paths follow that form.

import { isDNS1035Label, isDNS1123Subdomain } from '../machinery/validation.js';
import { deepEqual } from '../machinery/jsonEqual.js';
import { parseFieldPath } from '../machinery/jsonpath.js';
import { FieldError, KObject, child, duplicate, forbidden, index, invalid, isObject, isSet, key, list, notSupported, obj, objects, required, str, tooMany } from '../validation/field.js';
import { validateImmutable } from '../validation/common.js';
import { goValue } from '../validation/goValue.js';
import { ESTABLISHED, isConditionTrue } from './conditions.js';
import { SchemaValidationOptions, validateVersionSchema } from './schemaValidation.js';
import { ratchetingOptions } from './schema/index.js';

const PRINTER_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];
const MAX_SELECTABLE_FIELDS = 8;
const API_APPROVAL_ANNOTATION = 'api-approved.kubernetes.io';

type PerVersion = 'schema' | 'subresources' | 'additionalPrinterColumns' | 'selectableFields';

/** Where a per-version field lives in the internal form: lifted to the spec, or in each version. */
interface InternalView {
  lifted: Record<PerVersion, boolean>;
  /** The lifted value (when lifted). */
  top: Record<PerVersion, unknown>;
}

function internalView(versions: KObject[]): InternalView {
  const fields: PerVersion[] = ['schema', 'subresources', 'additionalPrinterColumns', 'selectableFields'];
  const lifted = {} as Record<PerVersion, boolean>;
  const top = {} as Record<PerVersion, unknown>;
  for (const f of fields) {
    const first = versions[0]?.[f];
    lifted[f] = versions.length > 0 && versions.every((v) => deepEqual(emptyAsNil(v[f]), emptyAsNil(first)));
    top[f] = lifted[f] ? first : undefined;
  }
  return { lifted, top };
}

/** Semantic.DeepEqual treats an absent and an empty list alike. */
const emptyAsNil = (v: unknown): unknown => (Array.isArray(v) && v.length === 0 ? undefined : v);

const TOP_PATH: Record<PerVersion, string> = {
  schema: 'spec.validation',
  subresources: 'spec.subresources',
  additionalPrinterColumns: 'spec.additionalPrinterColumns',
  selectableFields: 'spec.selectableFields',
};

/** The value and path of a per-version field of version `i` in the internal form. */
function perVersion(view: InternalView, versions: KObject[], i: number, f: PerVersion): { value: unknown; path: string } {
  if (view.lifted[f]) return { value: view.top[f], path: TOP_PATH[f] };
  return { value: versions[i]?.[f], path: child(index('spec.versions', i), f) };
}

function validateEnum(fldPath: string, value: string, accepted: string[]): FieldError[] {
  if (!value) return [required(fldPath)];
  return accepted.includes(value) ? [] : [notSupported(fldPath, value, accepted)];
}

/** ValidateCustomResourceDefinitionNames. */
export function validateNames(names: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const label = (f: string, mixedCase = false): void => {
    const v = str(names[f]);
    const msgs = isDNS1035Label(mixedCase ? v.toLowerCase() : v);
    if (v && msgs.length) errs.push(invalid(child(fldPath, f), v, (mixedCase ? 'may have mixed case, but should otherwise match: ' : '') + msgs.join(',')));
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

/** validateSimpleJSONPath. */
function validateSimpleJsonPath(s: string, fldPath: string): FieldError[] {
  if (s.length === 0) return [invalid(fldPath, s, 'must not be empty')];
  if (s[0] !== '.') return [invalid(fldPath, s, 'must be a simple json path starting with .')];
  return [];
}

/** ValidateCustomResourceDefinitionSubresources. */
function validateSubresources(sub: unknown, fldPath: string): FieldError[] {
  const scale = isObject(sub) && isObject(sub.scale) ? sub.scale : undefined;
  if (!scale) return [];
  const errs: FieldError[] = [];
  // Field errors print a pointer's value (labelSelectorPath is one), so every path prints as a string.
  const path = (f: string, prefixes: string[], message: string, optional = false): void => {
    const v = str(scale[f]);
    const p = child(fldPath, `scale.${f}`);
    if (!v) {
      if (!optional) errs.push(required(p));
      return;
    }
    const bad = validateSimpleJsonPath(v, p);
    if (bad.length) errs.push(...bad);
    else if (!prefixes.some((x) => v.startsWith(x))) errs.push(invalid(p, v, message));
  };
  path('specReplicasPath', ['.spec.'], 'should be a json path under .spec');
  path('statusReplicasPath', ['.status.'], 'should be a json path under .status');
  path('labelSelectorPath', ['.spec.', '.status.'], 'should be a json path under either .spec or .status', true);
  return errs;
}

/** ValidateCustomResourceColumnDefinition. */
function validateColumn(col: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(col.name)) errs.push(required(child(fldPath, 'name')));
  const type = str(col.type);
  if (!type) errs.push(required(child(fldPath, 'type'), `must be one of ${PRINTER_TYPES.join(',')}`));
  else if (!PRINTER_TYPES.includes(type)) errs.push(invalid(child(fldPath, 'type'), type, `must be one of ${PRINTER_TYPES.join(',')}`));
  const format = str(col.format);
  if (format && !COLUMN_FORMATS.includes(format)) errs.push(invalid(child(fldPath, 'format'), format, `must be one of ${COLUMN_FORMATS.join(',')}`));
  // Upstream names the field by its Go name here.
  const jsonPath = str(col.jsonPath);
  if (!jsonPath) errs.push(required(child(fldPath, 'JSONPath')));
  else errs.push(...validateSimpleJsonPath(jsonPath, child(fldPath, 'JSONPath')));
  return errs;
}

/** The schema node a selectable field's path refers to (ValidFieldPath without array notation). */
function selectableFieldSchema(path: string, schema: KObject): { root: string; node?: KObject; error?: string } {
  let names: string[];
  try {
    names = parseFieldPath(path, { allowArrayNotation: false });
  } catch (e) {
    return { root: '', error: (e as Error).message };
  }
  let node: KObject | undefined = schema;
  for (const n of names) {
    if (isObject(node?.properties)) node = isObject(node.properties[n]) ? node.properties[n] : undefined;
    else if (isObject(node?.additionalProperties)) node = node.additionalProperties;
    else node = undefined;
    if (!node) return { root: names[0] ?? '', error: 'does not refer to a valid field' };
  }
  return { root: names[0] ?? '', node };
}

/** ValidateCustomResourceSelectableFields. */
function validateSelectableFields(fields: KObject[], schema: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Set<string>();
  fields.forEach((f, i) => {
    const p = child(index(fldPath, i), 'jsonPath');
    const jsonPath = str(f.jsonPath);
    if (!jsonPath) {
      errs.push(required(p));
      return;
    }
    const found = selectableFieldSchema(jsonPath, schema);
    if (found.error) {
      errs.push(invalid(p, jsonPath, `is an invalid path: ${found.error}`));
      return;
    }
    if (found.root === 'metadata') errs.push(invalid(p, jsonPath, 'must not point to fields in metadata'));
    if (!['string', 'boolean', 'integer'].includes(str(found.node?.type))) {
      errs.push(invalid(p, jsonPath, 'must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.'));
    }
    const canonical = parseFieldPath(jsonPath, { allowArrayNotation: false }).join('.');
    if (unique.has(canonical)) errs.push(duplicate(p, jsonPath));
    else unique.add(canonical);
  });
  if (unique.size > MAX_SELECTABLE_FIELDS) errs.push(tooMany(fldPath, unique.size, MAX_SELECTABLE_FIELDS));
  return errs;
}

/** validateDeprecationWarning. */
function deprecationWarningErrors(deprecated: boolean, warning: unknown): string[] {
  if (!deprecated && isSet(warning)) return ['can only be set for deprecated versions'];
  if (!isSet(warning)) return [];
  const w = str(warning);
  const errs: string[] = [];
  if (Buffer.byteLength(w) > 256) errs.push('must be <= 256 characters long');
  if (w.length === 0) errs.push('must not be an empty string');
  let at = 0;
  for (const ch of w) {
    if (/[\p{Cc}]/u.test(ch)) {
      errs.push(`must only contain printable UTF-8 characters; control character found at index ${at}`);
      break;
    }
    if (!/[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(ch)) {
      errs.push(`must only contain printable UTF-8 characters; non-printable character found at index ${at}`);
      break;
    }
    at += Buffer.byteLength(ch);
  }
  return errs;
}

const hasStatus = (sub: unknown): boolean => isObject(sub) && isObject(sub.status);

/** What an update relaxes: rules the stored definition already breaks, and unchanged schemas. */
interface UpdateContext {
  storedSchemas: unknown[];
}

const schemasOf = (spec: KObject): unknown[] => objects(spec.versions).map((v) => obj(v.schema).openAPIV3Schema);

/** The schema and everything that depends on it, for one place (a version or the lifted spec). */
function validateSchemaPlace(schemaHolder: unknown, statusEnabled: boolean, fldPath: string, update: UpdateContext | undefined): FieldError[] {
  const schema = isObject(schemaHolder) ? schemaHolder.openAPIV3Schema : undefined;
  if (!isObject(schema)) return [];
  const opts: SchemaValidationOptions = { ...(update ? ratchetingOptions(update.storedSchemas) : {}), statusSubresource: statusEnabled };
  if (update) opts.unchanged = update.storedSchemas.some((s) => deepEqual(s, schema));
  return validateVersionSchema(schema, child(fldPath, 'openAPIV3Schema'), opts);
}

/** validateCustomResourceConversion (webhook URLs and services checked for their shape). */
function validateConversion(conversion: unknown, fldPath: string): FieldError[] {
  if (!isObject(conversion)) return [];
  const errs = validateEnum(child(fldPath, 'strategy'), str(conversion.strategy), ['None', 'Webhook']);
  const webhook = obj(conversion.webhook);
  if (conversion.strategy === 'Webhook') {
    const cc = webhook.clientConfig;
    const ccPath = child(fldPath, 'webhookClientConfig');
    if (!isObject(cc)) errs.push(required(ccPath, 'required when strategy is set to Webhook'));
    else if (isSet(cc.url) === isObject(cc.service)) errs.push(required(ccPath, 'exactly one of url or service is required'));
    else if (isSet(cc.url)) errs.push(...validateWebhookUrl(str(cc.url), child(ccPath, 'url')));
    else errs.push(...validateWebhookService(obj(cc.service), child(ccPath, 'service')));
    const versions = list(webhook.conversionReviewVersions).map(str);
    const vPath = child(fldPath, 'conversionReviewVersions');
    if (versions.length === 0) errs.push(required(vPath));
    else {
      const seen = new Set<string>();
      versions.forEach((v, i) => {
        if (seen.has(v)) {
          errs.push(invalid(index(vPath, i), v, 'duplicate version'));
          return;
        }
        seen.add(v);
        for (const m of isDNS1035Label(v)) errs.push(invalid(index(vPath, i), v, m));
      });
      if (!versions.some((v) => v === 'v1' || v === 'v1beta1')) errs.push(invalid(vPath, goValue(`[]string{${versions.map((v) => JSON.stringify(v)).join(', ')}}`), 'must include at least one of v1, v1beta1'));
    }
  } else {
    if (isObject(webhook.clientConfig)) errs.push(forbidden(child(fldPath, 'webhookClientConfig'), 'should not be set when strategy is not set to Webhook'));
    if (list(webhook.conversionReviewVersions).length) errs.push(forbidden(child(fldPath, 'conversionReviewVersions'), 'should not be set when strategy is not set to Webhook'));
  }
  return errs;
}

/** webhook.ValidateWebhookURL with forceHttps. */
function validateWebhookUrl(raw: string, fldPath: string): FieldError[] {
  let u: URL;
  try {
    u = new URL(raw);
  } catch (e) {
    return [invalid(fldPath, raw, `url must be a valid URL: ${(e as Error).message}`)];
  }
  const errs: string[] = [];
  if (u.protocol !== 'https:') errs.push("'https' is the only allowed URL scheme");
  if (!u.hostname) errs.push('host must be specified');
  if (u.username || u.password) errs.push('user information is not permitted in the URL');
  if (u.hash || raw.includes('#')) errs.push('fragments are not permitted in the URL');
  if (u.search) errs.push('query parameters are not permitted in the URL');
  return errs.length ? [invalid(fldPath, raw, errs.join('; '))] : [];
}

/** webhook.ValidateWebhookService. */
function validateWebhookService(svc: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(svc.name)) errs.push(required(child(fldPath, 'name'), 'service name is required'));
  if (!str(svc.namespace)) errs.push(required(child(fldPath, 'namespace'), 'service namespace is required'));
  const port = typeof svc.port === 'number' ? svc.port : 443;
  if (port < 1 || port > 65535) errs.push(invalid(child(fldPath, 'port'), port, 'port is not valid: must be between 1 and 65535, inclusive'));
  if (isSet(svc.path)) {
    const p = str(svc.path);
    if (!p.startsWith('/')) errs.push(invalid(child(fldPath, 'path'), p, "must start with a '/'"));
  }
  return errs;
}

/** validateCustomResourceDefinitionSpec. */
function validateSpec(spec: KObject, update: UpdateContext | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const group = str(spec.group);
  if (!group) errs.push(required('spec.group'));
  else if (isDNS1123Subdomain(group).length) errs.push(invalid('spec.group', group, isDNS1123Subdomain(group).join(',')));
  else if (group.split('.').length < 2) errs.push(invalid('spec.group', group, 'should be a domain with at least one dot'));
  errs.push(...validateEnum('spec.scope', str(spec.scope), ['Cluster', 'Namespaced']));

  const versions = objects(spec.versions);
  const view = internalView(versions);
  if (!view.lifted.schema || !isObject(obj(view.top.schema).openAPIV3Schema)) {
    versions.forEach((v, i) => {
      if (!isObject(obj(v.schema).openAPIV3Schema)) errs.push(required(`spec.versions[${i}].schema.openAPIV3Schema`));
    });
  }

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
    const vPath = index('spec.versions', i);
    for (const m of deprecationWarningErrors(v.deprecated === true, v.deprecationWarning)) {
      errs.push(invalid(child(vPath, 'deprecationWarning'), str(v.deprecationWarning), m));
    }
    const sub = perVersion(view, versions, i, 'subresources');
    if (!view.lifted.schema) errs.push(...validateSchemaPlace(v.schema, hasStatus(sub.value), child(vPath, 'schema'), update));
    if (!view.lifted.subresources) errs.push(...validateSubresources(v.subresources, child(vPath, 'subresources')));
    if (!view.lifted.additionalPrinterColumns) objects(v.additionalPrinterColumns).forEach((col, j) => errs.push(...validateColumn(col, index(child(vPath, 'additionalPrinterColumns'), j))));
    if (!view.lifted.selectableFields && list(v.selectableFields).length) {
      const schema = obj(v.schema).openAPIV3Schema;
      if (!isObject(schema)) errs.push(invalid(child(vPath, 'selectableFields'), '', 'may only be set when `version.schema.openAPIV3Schema` is not included'));
      else errs.push(...validateSelectableFields(objects(v.selectableFields), schema, child(vPath, 'selectableFields')));
    }
  });
  const versionsValue = goValue(`[]apiextensions.CustomResourceDefinitionVersion{${versions.map((v) => `apiextensions.CustomResourceDefinitionVersion{Name:${JSON.stringify(str(v.name))}, Served:${v.served === true}, Storage:${v.storage === true}, ...}`).join(', ')}}`);
  if (!unique) errs.push(invalid('spec.versions', versionsValue, 'must contain unique version names'));
  if (storage !== 1) errs.push(invalid('spec.versions', versionsValue, 'must have exactly one version marked as storage version'));

  const names = obj(spec.names);
  for (const f of ['plural', 'singular', 'kind', 'listKind']) if (!str(names[f])) errs.push(required(`spec.names.${f}`));
  errs.push(...validateNames(names, 'spec.names'));

  const anyStatus = versions.some((_, i) => hasStatus(perVersion(view, versions, i, 'subresources').value));
  if (view.lifted.schema) errs.push(...validateSchemaPlace(view.top.schema, anyStatus, 'spec.validation', update));
  if (view.lifted.subresources) errs.push(...validateSubresources(view.top.subresources, 'spec.subresources'));
  if (view.lifted.additionalPrinterColumns) objects(view.top.additionalPrinterColumns).forEach((col, j) => errs.push(...validateColumn(col, index('spec.additionalPrinterColumns', j))));
  if (view.lifted.selectableFields && list(view.top.selectableFields).length) {
    const schema = obj(view.top.schema).openAPIV3Schema;
    if (!view.lifted.schema || !isObject(schema)) errs.push(invalid('spec.selectableFields', '', 'may only be set when validations.schema is included'));
    else errs.push(...validateSelectableFields(objects(view.top.selectableFields), schema, 'spec.selectableFields'));
  }
  errs.push(...validateConversion(spec.conversion, 'spec.conversion'));
  return errs;
}

/** ValidateCustomResourceDefinitionStoredVersions. */
function validateStoredVersions(stored: string[], versions: KObject[]): FieldError[] {
  const fldPath = 'status.storedVersions';
  const value = goValue(`[]string{${stored.map((s) => JSON.stringify(s)).join(', ')}}`);
  if (stored.length === 0) return [invalid(fldPath, goValue('[]string(nil)'), 'must have at least one stored version')];
  const errs: FieldError[] = [];
  const remaining = new Map(stored.map((v, i) => [v, i]));
  for (const v of versions) {
    const name = str(v.name);
    if (v.storage === true && !remaining.has(name)) errs.push(invalid(fldPath, value, `must have the storage version ${name}`));
    remaining.delete(name);
  }
  for (const [v, i] of remaining) {
    errs.push(invalid(index(fldPath, i), v, `missing from spec.versions; ${v} was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in ${v} and removes ${v} from status.storedVersions`));
  }
  return errs;
}

/** validateAPIApproval: groups under k8s.io and kubernetes.io need an approval annotation. */
function validateApiApproval(crd: KObject, old: KObject | undefined): FieldError[] {
  const group = str(crd.spec?.group);
  const protectedGroup = group === 'k8s.io' || group === 'kubernetes.io' || group.endsWith('.k8s.io') || group.endsWith('.kubernetes.io');
  if (!protectedGroup) return [];
  const state = (o: KObject | undefined): string | undefined => o?.metadata?.annotations?.[API_APPROVAL_ANNOTATION];
  const value = state(crd);
  if (old && state(old) === value) return [];
  const path = key('metadata.annotations', API_APPROVAL_ANNOTATION);
  if (value === undefined) return [required(path, `protected groups must have approval annotation "${API_APPROVAL_ANNOTATION}", see https://github.com/kubernetes/enhancements/pull/1111`)];
  if (value.startsWith('unapproved')) return [];
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return [];
  } catch {
    // not a URL
  }
  return [invalid(path, value, `protected groups must have approval annotation "${API_APPROVAL_ANNOTATION}" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111`)];
}

/** ValidateCustomResourceDefinition (old undefined) or ...Update. */
export function validateCustomResourceDefinition(crd: KObject, old?: KObject): FieldError[] {
  const spec = obj(crd.spec);
  const names = obj(spec.names);
  const errs: FieldError[] = [];
  const name = str(obj(crd.metadata).name);
  if (!old && name && name !== `${str(names.plural)}.${str(spec.group)}`) errs.push(invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  errs.push(...validateSpec(spec, old ? { storedSchemas: schemasOf(obj(old.spec)) } : undefined));
  if (old) {
    const oldSpec = obj(old.spec);
    if (isConditionTrue(old, ESTABLISHED)) {
      errs.push(...validateImmutable(spec.scope, oldSpec.scope, 'spec.scope'));
      errs.push(...validateImmutable(names.kind, obj(oldSpec.names).kind, 'spec.names.kind'));
    }
    errs.push(...validateImmutable(spec.group, oldSpec.group, 'spec.group'));
    errs.push(...validateImmutable(names.plural, obj(oldSpec.names).plural, 'spec.names.plural'));
  }
  errs.push(...validateNames(obj(crd.status?.acceptedNames), 'status.acceptedNames'));
  errs.push(...validateStoredVersions(list(crd.status?.storedVersions).map(str), objects(spec.versions)));
  errs.push(...validateApiApproval(crd, old));
  if (spec.preserveUnknownFields === true && !(old && old.spec?.preserveUnknownFields === true)) {
    errs.push(invalid('spec.preserveUnknownFields', true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead'));
  }
  return errs;
}
