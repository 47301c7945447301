// ConfigMaps and Secrets (pkg/apis/core/validation ValidateConfigMap, ValidateSecret and their
// update rules): keys usable as file names, the 1 MiB size limit, the keys each Secret type
// needs, and immutable objects.

import { deepEqual } from '../machinery/jsonEqual.js';
import { byteLength } from '../machinery/validation.js';
import { type FieldError, type KObject, forbidden, invalid, key, obj, required, sortedKeys, str, tooLong } from './field.js';
import { isConfigMapKey, validateImmutable } from './common.js';

/** core.MaxSecretSize, the limit of ConfigMap and Secret payloads. */
export const MAX_SECRET_SIZE = 1024 * 1024;

const IMMUTABLE = 'field is immutable when `immutable` is set';

/** Bytes of a base64 value (a []byte field) once decoded. */
const decodedLength = (v: unknown): number => Buffer.from(str(v), 'base64').length;

/** ValidateConfigMap and ValidateConfigMapUpdate (kind rules). */
export function validateConfigMap(cm: KObject, old?: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if (old && old.immutable === true) {
    if (cm.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE));
    if (!deepEqual(cm.data ?? null, old.data ?? null)) errs.push(forbidden('data', IMMUTABLE));
    if (!deepEqual(cm.binaryData ?? null, old.binaryData ?? null)) errs.push(forbidden('binaryData', IMMUTABLE));
  }
  const data = obj(cm.data);
  const binary = obj(cm.binaryData);
  let total = 0;
  for (const k of sortedKeys(data)) {
    errs.push(...isConfigMapKey(k).map((m) => invalid(key('data', k), k, m)));
    if (k in binary) errs.push(invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    total += byteLength(str(data[k]));
  }
  for (const k of sortedKeys(binary)) {
    errs.push(...isConfigMapKey(k).map((m) => invalid(key('binaryData', k), k, m)));
    total += decodedLength(binary[k]);
  }
  // The error refers to the whole object: upstream's field path is the empty one, printed "[]".
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('[]', MAX_SECRET_SIZE));
  return errs;
}

/** Go's json.Unmarshal error for a map[string]interface{} target (the common cases). */
export function goJSONObjectError(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Approximation: a value that cannot start JSON names its first character; anything else
    // is reported as truncated input.
    const trimmed = text.trim();
    if (trimmed && !'{["-0123456789tfn'.includes(trimmed[0])) return `invalid character '${trimmed[0]}' looking for beginning of value`;
    return 'unexpected end of JSON input';
  }
  if (value === null || (typeof value === 'object' && !Array.isArray(value))) return undefined;
  const kind = Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'bool';
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

function validateSecretType(secret: KObject): FieldError[] {
  const data = obj(secret.data);
  const has = (k: string) => k in data;
  const jsonKey = (k: string): FieldError[] => {
    if (!has(k)) return [required(key('data', k))];
    const err = goJSONObjectError(Buffer.from(str(data[k]), 'base64'));
    return err ? [invalid(key('data', k), '<secret contents redacted>', err)] : [];
  };
  switch (str(secret.type)) {
    case 'kubernetes.io/service-account-token':
      return str(obj(obj(secret.metadata).annotations)[SA_NAME_ANNOTATION]) ? [] : [required(key('metadata.annotations', SA_NAME_ANNOTATION))];
    case 'kubernetes.io/dockercfg':
      return jsonKey('.dockercfg');
    case 'kubernetes.io/dockerconfigjson':
      return jsonKey('.dockerconfigjson');
    case 'kubernetes.io/basic-auth':
      return !has('username') && !has('password') ? [required(key('data', 'username')), required(key('data', 'password'))] : [];
    case 'kubernetes.io/ssh-auth':
      return decodedLength(data['ssh-privatekey']) === 0 ? [required(key('data', 'ssh-privatekey'))] : [];
    case 'kubernetes.io/tls': {
      const errs: FieldError[] = [];
      if (!has('tls.crt')) errs.push(required(key('data', 'tls.crt')));
      if (!has('tls.key')) errs.push(required(key('data', 'tls.key')));
      return errs;
    }
    default:
      return [];
  }
}

/** ValidateSecret and ValidateSecretUpdate (kind rules). */
export function validateSecret(secret: KObject, old?: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if (old) {
    errs.push(...validateImmutable(str(secret.type), str(old.type), 'type'));
    if (old.immutable === true) {
      if (secret.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE));
      if (!deepEqual(secret.data ?? null, old.data ?? null)) errs.push(forbidden('data', IMMUTABLE));
    }
  }
  const data = obj(secret.data);
  let total = 0;
  for (const k of sortedKeys(data)) {
    errs.push(...isConfigMapKey(k).map((m) => invalid(key('data', k), k, m)));
    total += decodedLength(data[k]);
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE));
  errs.push(...validateSecretType(secret));
  return errs;
}
