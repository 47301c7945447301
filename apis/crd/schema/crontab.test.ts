// Whole-version scenarios: a CRD schema checked when written, then compiled and applied to
// objects the way the decoder and strategy do (prune, default, validate).

import { describe, expect, it } from 'vitest';
import { compileSchema } from './compile.js';
import { texts } from './testing.js';
import { validateStructuralSchema } from './validateStructuralSchema.js';

const CRON_SPEC = String.raw`^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$`;

const cronTabSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['cronSpec'],
      properties: {
        cronSpec: { type: 'string', pattern: CRON_SPEC },
        image: { type: 'string' },
        replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
      },
    },
  },
};

const cronTab = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'stable.example.com/v1',
  kind: 'CronTab',
  metadata: { name: 'my-new-cron-object', namespace: 'default' },
  spec,
});

/** Prune, default, validate: what a create runs. */
function admit(schema: Record<string, unknown>, obj: Record<string, unknown>) {
  const c = compileSchema(schema);
  const unknown = c.prune(obj);
  c.applyDefaults(obj);
  return { unknown, errors: texts(c.validate(obj)) };
}

describe('CronTab', () => {
  it('is a valid structural schema', () => {
    expect(validateStructuralSchema(cronTabSchema, 'spec.versions[0].schema.openAPIV3Schema')).toEqual([]);
  });

  it('prunes unknown fields, defaults replicas and accepts a good object', () => {
    const obj = cronTab({ cronSpec: '* * * * */5', image: 'my-awesome-cron-image', extra: true });
    obj.status = { ready: true };
    expect(admit(cronTabSchema, obj)).toEqual({ unknown: ['spec.extra', 'status'], errors: [] });
    expect(obj).toEqual(cronTab({ cronSpec: '* * * * */5', image: 'my-awesome-cron-image', replicas: 1 }));
  });

  it('reports upstream messages for bad values', () => {
    expect(admit(cronTabSchema, cronTab({ cronSpec: '* * * *', image: 'x', replicas: 11 })).errors).toEqual([
      `spec.cronSpec: Invalid value: "* * * *": spec.cronSpec in body should match '${CRON_SPEC}'`,
      'spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10',
    ]);
    expect(admit(cronTabSchema, cronTab({ replicas: 'string' })).errors).toEqual([
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
      'spec.cronSpec: Required value',
    ]);
    expect(admit(cronTabSchema, cronTab({ cronSpec: '* * * * *', replicas: 0 })).errors).toEqual([
      'spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1',
    ]);
  });

  it('defaults a null replicas (not nullable) instead of rejecting it', () => {
    const obj = cronTab({ cronSpec: '* * * * *', replicas: null });
    expect(admit(cronTabSchema, obj).errors).toEqual([]);
    expect((obj.spec as Record<string, unknown>).replicas).toBe(1);
  });
});

describe('VerticalPodAutoscaler style: x-kubernetes-preserve-unknown-fields under spec and status', () => {
  const vpaSchema = {
    type: 'object',
    properties: {
      spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  };

  it('keeps everything under spec and status, prunes the rest', () => {
    expect(validateStructuralSchema(vpaSchema, 'spec.versions[0].schema.openAPIV3Schema')).toEqual([]);
    const spec = { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, updatePolicy: { updateMode: 'Auto' }, resourcePolicy: { containerPolicies: [{ containerName: '*', minAllowed: { cpu: '100m' } }] } };
    const obj = { apiVersion: 'autoscaling.k8s.io/v1', kind: 'VerticalPodAutoscaler', metadata: { name: 'web' }, spec: structuredClone(spec), status: { conditions: [] }, junk: 1 };
    expect(admit(vpaSchema, obj)).toEqual({ unknown: ['junk'], errors: [] });
    expect(obj.spec).toEqual(spec);
    expect(obj.status).toEqual({ conditions: [] });
  });

  it('still checks the declared types', () => {
    expect(admit(vpaSchema, { spec: 'auto' }).errors).toEqual(['spec: Invalid value: "string": spec in body must be of type object: "string"']);
  });
});

describe('regular expressions', () => {
  it('match with RE2, in linear time (no catastrophic backtracking)', () => {
    const c = compileSchema({ type: 'object', properties: { s: { type: 'string', pattern: '^(a+)+$' } } });
    const start = performance.now();
    expect(texts(c.validate({ s: `${'a'.repeat(30)}!` }))).toEqual([`s: Invalid value: "${'a'.repeat(30)}!": s in body should match '^(a+)+$'`]);
    expect(texts(c.validate({ s: 'a'.repeat(100_000) }))).toEqual([]);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('use Go syntax: \\z and (?i) work, lookahead is a schema error', () => {
    const c = compileSchema({ type: 'object', properties: { s: { type: 'string', pattern: '(?i)^abc\\z' } } });
    expect(texts(c.validate({ s: 'ABC' }))).toEqual([]);
    expect(texts(validateStructuralSchema({ type: 'object', properties: { s: { type: 'string', pattern: '^(?=a)' } } }, 'x'))).toEqual([
      'x.properties[s].pattern: Invalid value: "^(?=a)": must be a valid regular expression, but isn\'t: error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
    ]);
  });
});
