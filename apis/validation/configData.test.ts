import { describe, expect, it } from 'vitest';
import { errors } from '../errors.js';
import type { FieldError, KObject } from './field.js';
import { admitErrors } from './testing.js';

const KEY_RULE = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const b64 = (s: string) => Buffer.from(s).toString('base64');

const configMap = (extra: KObject = {}): KObject => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' },
  data: { 'app.properties': 'mode=prod\n', LOG_LEVEL: 'info' }, ...extra,
});

const secret = (extra: KObject = {}): KObject => ({
  apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' },
  data: { username: b64('admin'), password: b64('s3cret') }, ...extra,
});

describe('ConfigMap', () => {
  const errorsOf = (o: KObject, old?: KObject) => admitErrors('', 'v1', 'configmaps', o, old);

  it('accepts a realistic config map', () => {
    expect(errorsOf(configMap({ binaryData: { 'logo.png': b64('PNG') } }))).toEqual([]);
  });

  const cases: [string, KObject, FieldError[]][] = [
    ['a key with a space', configMap({ data: { 'bad key': 'x' } }), [{ type: 'Invalid', field: 'data[bad key]', value: 'bad key', detail: KEY_RULE }]],
    ['the key ..', configMap({ data: { '..': 'x' } }), [{ type: 'Invalid', field: 'data[..]', value: '..', detail: "must not be '..'" }]],
    ['a key in data and binaryData', configMap({ binaryData: { LOG_LEVEL: b64('x') } }), [
      { type: 'Invalid', field: 'data[LOG_LEVEL]', value: 'LOG_LEVEL', detail: 'duplicate of key present in binaryData' },
    ]],
    ['more than 1 MiB', configMap({ data: { big: 'x'.repeat(1024 * 1024 + 1) } }), [{ type: 'TooLong', field: '[]', detail: 'may not be more than 1048576 bytes' }]],
  ];

  it.each(cases)('rejects %s', (_name, o, expected) => {
    expect(errorsOf(o)).toEqual(expected);
  });

  it('prints the size error as upstream does', () => {
    const errs = errorsOf(configMap({ data: { big: 'x'.repeat(1024 * 1024 + 1) } }));
    expect(errors.invalid({ group: '', kind: 'ConfigMap' }, 'settings', errs).message).toBe('ConfigMap "settings" is invalid: []: Too long: may not be more than 1048576 bytes');
  });

  it('freezes the data of an immutable config map', () => {
    const old = configMap({ immutable: true });
    expect(errorsOf(configMap({ immutable: true, data: { LOG_LEVEL: 'debug' } }), old)).toEqual([
      { type: 'Forbidden', field: 'data', detail: 'field is immutable when `immutable` is set' },
    ]);
    expect(errorsOf(configMap({ immutable: false }), old)).toEqual([
      { type: 'Forbidden', field: 'immutable', detail: 'field is immutable when `immutable` is set' },
    ]);
    expect(errorsOf(configMap({ immutable: true, metadata: { name: 'settings', namespace: 'default', labels: { a: 'b' } } }), old)).toEqual([]);
  });
});

describe('Secret', () => {
  const errorsOf = (o: KObject, old?: KObject) => admitErrors('', 'v1', 'secrets', o, old);

  it.each<[string, KObject]>([
    ['an Opaque secret', secret()],
    ['a secret given as stringData', { metadata: { name: 'x', namespace: 'default' }, stringData: { token: 'abc' } }],
    ['a docker config secret', secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{"auths":{}}') } })],
    ['a TLS secret', secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('crt'), 'tls.key': b64('key') } })],
    ['a basic-auth secret with a username only', secret({ type: 'kubernetes.io/basic-auth', data: { username: b64('u') } })],
    ['a service account token secret', secret({ type: 'kubernetes.io/service-account-token', metadata: { name: 't', namespace: 'default', annotations: { 'kubernetes.io/service-account.name': 'default' } } })],
  ])('accepts %s', (_name, o) => {
    expect(errorsOf(o)).toEqual([]);
  });

  const cases: [string, KObject, FieldError[]][] = [
    ['a key with a slash', secret({ data: { 'a/b': b64('x') } }), [{ type: 'Invalid', field: 'data[a/b]', value: 'a/b', detail: KEY_RULE }]],
    ['a docker config secret without its key', secret({ type: 'kubernetes.io/dockerconfigjson' }), [{ type: 'Required', field: 'data[.dockerconfigjson]' }]],
    ['a docker config that is not JSON', secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('auths') } }), [
      { type: 'Invalid', field: 'data[.dockerconfigjson]', value: '<secret contents redacted>', detail: "invalid character 'a' looking for beginning of value" },
    ]],
    ['a docker config that is a list', secret({ type: 'kubernetes.io/dockercfg', data: { '.dockercfg': b64('[]') } }), [
      { type: 'Invalid', field: 'data[.dockercfg]', value: '<secret contents redacted>', detail: 'json: cannot unmarshal array into Go value of type map[string]interface {}' },
    ]],
    ['a TLS secret without keys', secret({ type: 'kubernetes.io/tls' }), [
      { type: 'Required', field: 'data[tls.crt]' },
      { type: 'Required', field: 'data[tls.key]' },
    ]],
    ['a basic-auth secret without username and password', secret({ type: 'kubernetes.io/basic-auth', data: {} }), [
      { type: 'Required', field: 'data[username]' },
      { type: 'Required', field: 'data[password]' },
    ]],
    ['an ssh-auth secret without its key', secret({ type: 'kubernetes.io/ssh-auth' }), [{ type: 'Required', field: 'data[ssh-privatekey]' }]],
    ['a token secret without its service account', secret({ type: 'kubernetes.io/service-account-token' }), [
      { type: 'Required', field: 'metadata.annotations[kubernetes.io/service-account.name]' },
    ]],
    ['more than 1 MiB', secret({ data: { big: b64('x'.repeat(1024 * 1024 + 1)) } }), [{ type: 'TooLong', field: 'data', detail: 'may not be more than 1048576 bytes' }]],
  ];

  it.each(cases)('rejects %s', (_name, o, expected) => {
    expect(errorsOf(o)).toEqual(expected);
  });

  it('keeps the type, and the data of an immutable secret', () => {
    expect(errorsOf(secret({ type: 'kubernetes.io/basic-auth' }), secret())).toEqual([{ type: 'Invalid', field: 'type', value: 'kubernetes.io/basic-auth', detail: 'field is immutable' }]);
    expect(errorsOf(secret({ immutable: true, data: {} }), secret({ immutable: true }))).toEqual([
      { type: 'Forbidden', field: 'data', detail: 'field is immutable when `immutable` is set' },
    ]);
  });
});
