import { describe, expect, it } from 'vitest';
import { fieldErrorText } from '../../errors.js';
import { compileSchemaRules, evaluateRules, type JSONSchema } from './index.js';

/** Compiles a CRD schema (asserting it is accepted) and returns an evaluator over objects. */
function crd(schema: JSONSchema) {
  const { rules, errors } = compileSchemaRules(schema, 'spec.validation.openAPIV3Schema');
  expect(errors.map(fieldErrorText)).toEqual([]);
  return (obj: unknown, old?: unknown, options?: Parameters<typeof evaluateRules>[3]) => evaluateRules(rules, obj, old, options).map(fieldErrorText);
}

const withSpec = (spec: JSONSchema): JSONSchema => ({ type: 'object', properties: { spec } });

describe('evaluateRules', () => {
  it('reports a failed rule at its node with the node type as the value', () => {
    const validate = crd(
      withSpec({
        type: 'object',
        properties: { replicas: { type: 'integer' }, minReplicas: { type: 'integer' } },
        'x-kubernetes-validations': [{ rule: 'self.minReplicas <= self.replicas' }],
      }),
    );
    expect(validate({ spec: { replicas: 3, minReplicas: 1 } })).toEqual([]);
    expect(validate({ spec: { replicas: 3, minReplicas: 5 } })).toEqual(['spec: Invalid value: "object": failed rule: self.minReplicas <= self.replicas']);
  });

  it('prints a rule at the root at the nil path, as upstream does', () => {
    const validate = crd({
      type: 'object',
      properties: { spec: { type: 'object' } },
      'x-kubernetes-validations': [{ rule: "self.metadata.name.startsWith('app-')", message: 'name must start with app-' }],
    });
    expect(validate({ apiVersion: 'x/v1', kind: 'X', metadata: { name: 'app-1' }, spec: {} })).toEqual([]);
    expect(validate({ apiVersion: 'x/v1', kind: 'X', metadata: { name: 'db' }, spec: {} })).toEqual(['<nil>: Invalid value: "object": name must start with app-']);
  });

  it('evaluates rules on map values and list items', () => {
    const validate = crd(
      withSpec({
        type: 'object',
        properties: {
          labels: { type: 'object', maxProperties: 10, additionalProperties: { type: 'string', maxLength: 63 }, 'x-kubernetes-validations': [{ rule: 'self.all(k, self[k].size() < 10)' }] },
          ports: {
            type: 'array',
            maxItems: 4,
            items: { type: 'object', properties: { port: { type: 'integer' } }, 'x-kubernetes-validations': [{ rule: 'self.port > 1024', message: 'port must be unprivileged' }] },
          },
        },
      }),
    );
    expect(validate({ spec: { labels: { a: 'short' }, ports: [{ port: 8080 }] } })).toEqual([]);
    expect(validate({ spec: { labels: { a: 'far too long a value' }, ports: [{ port: 8080 }, { port: 80 }] } })).toEqual([
      'spec.labels: Invalid value: "object": failed rule: self.all(k, self[k].size() < 10)',
      'spec.ports[1]: Invalid value: "object": port must be unprivileged',
    ]);
  });

  it('evaluates rules on additionalProperties values under their key', () => {
    const validate = crd(withSpec({ type: 'object', additionalProperties: { type: 'string', 'x-kubernetes-validations': [{ rule: "self != 'bad'" }] } }));
    expect(validate({ spec: { a: 'ok', b: 'bad' } })).toEqual([`spec[b]: Invalid value: "string": failed rule: self != 'bad'`]);
  });

  it('runs transition rules only with an old value, with the message given', () => {
    const validate = crd(withSpec({ type: 'object', properties: { x: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'Value is immutable' }] } } }));
    expect(validate({ spec: { x: 'a' } })).toEqual([]);
    expect(validate({ spec: { x: 'a' } }, { spec: { x: 'a' } })).toEqual([]);
    expect(validate({ spec: { x: 'b' } }, { spec: { x: 'a' } })).toEqual(['spec.x: Invalid value: "string": Value is immutable']);
    // No old value for the field (it was added): nothing to compare.
    expect(validate({ spec: { x: 'b' } }, { spec: {} })).toEqual([]);
  });

  it('reads old field values from oldSelf at the parent', () => {
    const validate = crd(
      withSpec({ type: 'object', properties: { x: { type: 'string' } }, 'x-kubernetes-validations': [{ rule: '!has(oldSelf.x) || self.x == oldSelf.x', message: 'Value is immutable' }] }),
    );
    expect(validate({ spec: { x: 'b' } }, { spec: {} })).toEqual([]);
    expect(validate({ spec: { x: 'b' } }, { spec: { x: 'a' } })).toEqual(['spec: Invalid value: "object": Value is immutable']);
  });

  it('tests presence with has()', () => {
    const validate = crd(
      withSpec({ type: 'object', properties: { foo: { type: 'string' }, bar: { type: 'string' } }, 'x-kubernetes-validations': [{ rule: 'has(self.foo) != has(self.bar)', message: 'exactly one of foo and bar' }] }),
    );
    expect(validate({ spec: { foo: 'x' } })).toEqual([]);
    expect(validate({ spec: {} })).toEqual(['spec: Invalid value: "object": exactly one of foo and bar']);
    // A null property reads as absent.
    expect(validate({ spec: { foo: 'x', bar: null } })).toEqual([]);
  });

  it('tests nested presence from the root', () => {
    const validate = crd({
      type: 'object',
      properties: { spec: { type: 'object', properties: { foo: { type: 'string' } } } },
      'x-kubernetes-validations': [{ rule: 'has(self.spec.foo)', message: 'spec.foo is required' }],
    });
    expect(validate({ spec: { foo: 'x' } })).toEqual([]);
    expect(validate({ spec: {} })).toEqual(['<nil>: Invalid value: "object": spec.foo is required']);
  });

  it('builds messages from messageExpression, falling back to message when it fails', () => {
    const validate = crd(
      withSpec({
        type: 'object',
        properties: { replicas: { type: 'integer' }, name: { type: 'string', maxLength: 20 } },
        'x-kubernetes-validations': [
          { rule: 'self.replicas < 10', messageExpression: "self.name + ' wants too many replicas'" },
          { rule: 'self.replicas < 20', message: 'fallback', messageExpression: 'self.name.substring(100)' },
          { rule: 'self.replicas < 30', messageExpression: "' '" },
        ],
      }),
    );
    expect(validate({ spec: { replicas: 50, name: 'web' } })).toEqual([
      'spec: Invalid value: "object": web wants too many replicas',
      'spec: Invalid value: "object": fallback',
      'spec: Invalid value: "object": failed rule: self.replicas < 30',
    ]);
  });

  it('shapes errors by reason and appends fieldPath', () => {
    const validate = crd(
      withSpec({
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'string' }, m: { type: 'object', additionalProperties: { type: 'string' } } },
        'x-kubernetes-validations': [
          { rule: "!has(self.a) || self.a != 'x'", reason: 'FieldValueForbidden', message: 'a may not be x', fieldPath: '.a' },
          { rule: 'has(self.b)', reason: 'FieldValueRequired', message: 'b is required', fieldPath: '.b' },
          { rule: "self.a != 'x'", reason: 'FieldValueDuplicate', message: 'dup' },
          { rule: "self.a != 'x'", reason: 'FieldValueInvalid', fieldPath: ".m['k.x']" },
        ],
      }),
    );
    expect(validate({ spec: { a: 'x', m: {} } })).toEqual([
      'spec.a: Forbidden: a may not be x',
      'spec.b: Required value: b is required',
      'spec: Duplicate value: "object"',
      `spec.m[k.x]: Invalid value: "object": failed rule: self.a != 'x'`,
    ]);
  });

  it('does integer arithmetic on JSON numbers where the schema says integer', () => {
    const validate = crd(
      withSpec({
        type: 'object',
        properties: { replicas: { type: 'integer' }, ratio: { type: 'number' } },
        'x-kubernetes-validations': [{ rule: 'self.replicas * 2 == 6 && self.replicas / 2 == 1 && self.ratio + 0.5 == 1.0 && int(self.ratio * 4.0) == 2' }],
      }),
    );
    expect(validate({ spec: { replicas: 3, ratio: 0.5 } })).toEqual([]);
    // A whole-number "number" is still a double.
    expect(validate({ spec: { replicas: 4, ratio: 0.5 } })).toHaveLength(1);
  });

  it('reads date-time and duration strings as timestamps and durations', () => {
    const validate = crd(
      withSpec({
        type: 'object',
        properties: { start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' }, timeout: { type: 'string', format: 'duration' } },
        'x-kubernetes-validations': [
          { rule: 'self.start < self.end', message: 'start must precede end' },
          { rule: "self.timeout <= duration('1h') && self.end - self.start >= self.timeout", message: 'bad timeout' },
        ],
      }),
    );
    expect(validate({ spec: { start: '2024-01-01T00:00:00Z', end: '2024-01-01T02:00:00+01:00', timeout: '30m' } })).toEqual([]);
    expect(validate({ spec: { start: '2024-01-02T00:00:00Z', end: '2024-01-01T00:00:00Z', timeout: '90m' } })).toEqual([
      'spec: Invalid value: "object": start must precede end',
      'spec: Invalid value: "object": bad timeout',
    ]);
  });

  it('treats int-or-string as dyn and reports runtime type mismatches as upstream', () => {
    const validate = crd(
      withSpec({
        type: 'object',
        properties: { maxUnavailable: { 'x-kubernetes-int-or-string': true } },
        'x-kubernetes-validations': [
          { rule: "type(self.maxUnavailable) == string ? self.maxUnavailable.endsWith('%') : self.maxUnavailable >= 0" },
          { rule: 'self.maxUnavailable > 0' },
        ],
      }),
    );
    expect(validate({ spec: { maxUnavailable: 1 } })).toEqual([]);
    expect(validate({ spec: { maxUnavailable: '25%' } })).toEqual([
      "spec: Invalid value: \"object\": 'no such overload': call arguments did not match a supported operator, function or macro signature for rule: self.maxUnavailable > 0",
    ]);
  });

  it('reports evaluation errors with the rule', () => {
    const validate = crd(withSpec({ type: 'object', properties: { x: { type: 'integer' }, l: { type: 'array', maxItems: 3, items: { type: 'integer' } } }, 'x-kubernetes-validations': [{ rule: 'self.x > 0' }, { rule: 'self.l[5] == 1' }, { rule: '10 / self.x > 1' }] }));
    expect(validate({ spec: { l: [], x: 0 } })).toEqual([
      'spec: Invalid value: "object": failed rule: self.x > 0',
      'spec: Invalid value: "object": index out of bounds: 5 evaluating rule: self.l[5] == 1',
      'spec: Invalid value: "object": division by zero evaluating rule: 10 / self.x > 1',
    ]);
    expect(validate({ spec: { l: [] } })[0]).toBe('spec: Invalid value: "object": no such key: x evaluating rule: self.x > 0');
  });

  it('pairs map-list items by key for transition rules; atomic and set lists are not paired', () => {
    const item: JSONSchema = {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string' }, value: { type: 'string' } },
      'x-kubernetes-validations': [{ rule: 'self.value == oldSelf.value', message: 'value is immutable' }],
    };
    const validate = crd(withSpec({ type: 'object', properties: { env: { type: 'array', maxItems: 10, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: item } } }));
    const old = { spec: { env: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }] } };
    // Reordered, unchanged: fine. New item c has no old value.
    expect(validate({ spec: { env: [{ name: 'b', value: '2' }, { name: 'a', value: '1' }, { name: 'c', value: '3' }] } }, old)).toEqual([]);
    expect(validate({ spec: { env: [{ name: 'b', value: '9' }, { name: 'a', value: '1' }] } }, old)).toEqual(['spec.env[0]: Invalid value: "object": value is immutable']);
  });

  it('compares set lists as sets and map lists by key', () => {
    const validate = crd(
      withSpec({
        type: 'object',
        properties: {
          tags: { type: 'array', maxItems: 5, items: { type: 'string', maxLength: 10 }, 'x-kubernetes-list-type': 'set' },
          ports: { type: 'array', maxItems: 5, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['port'], items: { type: 'object', required: ['port'], properties: { port: { type: 'integer' }, name: { type: 'string', maxLength: 5 } } } },
          order: { type: 'array', maxItems: 5, items: { type: 'string', maxLength: 10 } },
        },
        'x-kubernetes-validations': [{ rule: 'self.tags == oldSelf.tags && self.ports == oldSelf.ports', message: 'tags and ports are immutable' }, { rule: 'self.order == oldSelf.order', message: 'order is immutable' }],
      }),
    );
    const old = { spec: { tags: ['a', 'b'], ports: [{ port: 80, name: 'http' }, { port: 443 }], order: ['a', 'b'] } };
    expect(validate({ spec: { tags: ['b', 'a'], ports: [{ port: 443 }, { port: 80, name: 'http' }], order: ['a', 'b'] } }, old)).toEqual([]);
    expect(validate({ spec: { tags: ['b', 'c'], ports: [{ port: 443 }, { port: 80, name: 'web' }], order: ['b', 'a'] } }, old)).toEqual([
      'spec: Invalid value: "object": tags and ports are immutable',
      'spec: Invalid value: "object": order is immutable',
    ]);
  });

  it('gives optionalOldSelf rules an optional oldSelf, also on create', () => {
    const validate = crd(
      withSpec({
        type: 'object',
        properties: { x: { type: 'string', maxLength: 10 } },
        'x-kubernetes-validations': [{ rule: "!oldSelf.hasValue() || oldSelf.value().x == self.x || oldSelf.x.orValue('') == 'mutable'", optionalOldSelf: true, message: 'x is immutable' }],
      }),
    );
    expect(validate({ spec: { x: 'a' } })).toEqual([]);
    expect(validate({ spec: { x: 'b' } }, { spec: { x: 'mutable' } })).toEqual([]);
    expect(validate({ spec: { x: 'b' } }, { spec: { x: 'a' } })).toEqual(['spec: Invalid value: "object": x is immutable']);
  });

  it('ratchets failures of rules without oldSelf on unchanged values into warnings', () => {
    const validate = crd(withSpec({ type: 'object', properties: { a: { type: 'string', maxLength: 10, 'x-kubernetes-validations': [{ rule: "self != 'bad'" }] }, b: { type: 'string', maxLength: 10, 'x-kubernetes-validations': [{ rule: "self != 'bad'" }] } } }));
    const warnings: string[] = [];
    // a is unchanged and ratcheted; b changed to an invalid value and fails.
    expect(validate({ spec: { a: 'bad', b: 'bad' } }, { spec: { a: 'bad', b: 'ok' } }, { warnings })).toEqual([`spec.b: Invalid value: "string": failed rule: self != 'bad'`]);
    expect(warnings).toEqual([`spec.a: Invalid value: "string": failed rule: self != 'bad'`]);
    expect(validate({ spec: { a: 'bad', b: 'ok' } }, { spec: { a: 'bad', b: 'ok' } }, { ratcheting: false })).toHaveLength(1);
  });

  it('keeps matches() linear on a pattern that makes backtracking engines explode', () => {
    const validate = crd(withSpec({ type: 'object', properties: { s: { type: 'string', maxLength: 10000 } }, 'x-kubernetes-validations': [{ rule: "self.s.matches('^(a+)+$')" }] }));
    const start = Date.now();
    expect(validate({ spec: { s: `${'a'.repeat(5000)}!` } })).toHaveLength(1);
    expect(Date.now() - start).toBeLessThan(2000);
  });

  it('stops when a rule passes the per-call cost limit or the budget runs out', () => {
    const list: JSONSchema = { type: 'array', maxItems: 1000, items: { type: 'integer' } };
    const validate = crd(withSpec({ type: 'object', properties: { l: list }, 'x-kubernetes-validations': [{ rule: 'self.l.all(x, self.l.all(y, true))' }, { rule: 'false' }] }));
    const l = Array.from({ length: 1000 }, (_, i) => i);
    expect(validate({ spec: { l } })).toEqual([
      "spec: Invalid value: \"object\": 'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: self.l.all(x, self.l.all(y, true))",
    ]);
    expect(validate({ spec: { l: [1, 2] } }, undefined, { costBudget: 3 })).toEqual([
      'spec: Invalid value: "object": validation failed due to running out of cost budget, no further validation rules will be run',
    ]);
  });

  it('evaluates rules of embedded resources with apiVersion, kind and metadata.name visible', () => {
    const validate = crd(
      withSpec({
        type: 'object',
        properties: {
          template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true, 'x-kubernetes-validations': [{ rule: "self.kind == 'Pod' && self.metadata.name != ''" }] },
        },
      }),
    );
    expect(validate({ spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} } } })).toEqual([]);
    expect(validate({ spec: { template: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'p' } } } })).toHaveLength(1);
  });

  it('reads reserved-word and escaped property names, and ignores comments', () => {
    const validate = crd(
      withSpec({
        type: 'object',
        properties: { namespace: { type: 'string', maxLength: 10 }, 'x-y': { type: 'string', maxLength: 10 } },
        'x-kubernetes-validations': [{ rule: "self.namespace == self.__namespace__ && // same field\n  self.x__dash__y != 'no'", message: 'bad' }],
      }),
    );
    expect(validate({ spec: { namespace: 'a', 'x-y': 'yes' } })).toEqual([]);
    expect(validate({ spec: { namespace: 'a', 'x-y': 'no' } })).toEqual(['spec: Invalid value: "object": bad']);
  });

  it('runs rules declared inside allOf against the node, reporting their compile errors then', () => {
    const validate = crd(withSpec({ type: 'object', properties: { x: { type: 'integer' } }, allOf: [{ 'x-kubernetes-validations': [{ rule: 'self.x < 5' }, { rule: 'self.y' }] }] }));
    expect(validate({ spec: { x: 7 } })).toEqual([
      'spec: Invalid value: "object": failed rule: self.x < 5',
      "spec: Invalid value: \"object\": rule compile error: compilation failed: ERROR: <input>:1:5: undefined field 'y'\n | self.y\n | ....^",
    ]);
  });
});
