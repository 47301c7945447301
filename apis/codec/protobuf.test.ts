import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../catalogue.js';
import { decodeProtobufObject, encodeEnvelope, protobufType } from './protobuf.js';
import { ApiError } from '../errors.js';

// Request bodies kubectl 1.32/1.33 sends for typed-client commands.
const bodies = {
  createNamespace: 'azhzAAoPCgJ2MRIJTmFtZXNwYWNlEiAKGAoIcHJvYmUtbnMSABoAIgAqADIAOABCABIAGgIKABoAIgA=',
  createSecret: 'azhzAAoMCgJ2MRIGU2VjcmV0Eh4KEgoCczESABoAIgAqADIAOABCABIGCgFhEgFiGgAaACIA',
  createServiceAccount: 'azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSFQoTCgNzYTESABoAIgAqADIAOABCABoAIgA=',
  selfSubjectAccessReview:
    'azhzAAoyChdhdXRob3JpemF0aW9uLms4cy5pby92MRIXU2VsZlN1YmplY3RBY2Nlc3NSZXZpZXcSRAoQCgASABoAIgAqADIAOABCABImCiQKBnRlYW0tYRIGY3JlYXRlGgAiACoKY29uZmlnbWFwczIAOgAaCAgAEgAaACAAGgAiAA==',
  selfSubjectReview: 'azhzAAotChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESEVNlbGZTdWJqZWN0UmV2aWV3EhoKEAoAEgAaACIAKgAyADgAQgASBgoECgASABoAIgA=',
};

const decode = (b64: string) => decodeProtobufObject(Buffer.from(b64, 'base64'), builtinCatalogue());

describe('protobuf request bodies', () => {
  it('decodes `kubectl create namespace` into the JSON kube-apiserver would see', () => {
    expect(decode(bodies.createNamespace)).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'probe-ns', creationTimestamp: null },
      spec: {},
      status: {},
    });
  });

  it('decodes secret data as base64 and drops zero values of omitempty fields', () => {
    expect(decode(bodies.createSecret)).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's1', creationTimestamp: null },
      data: { a: Buffer.from('b').toString('base64') },
    });
  });

  it('decodes a service account', () => {
    expect(decode(bodies.createServiceAccount)).toMatchObject({ kind: 'ServiceAccount', metadata: { name: 'sa1' } });
  });

  it('decodes a Deployment encoded the way Go does (every non-pointer field written, zero or not)', () => {
    const reg = builtinCatalogue().types;
    const t = protobufType(reg, 'apps/v1:Deployment');
    const meta = { name: 'd1', generateName: '', namespace: '', selfLink: '', uid: '', resourceVersion: '', generation: 0, creationTimestamp: {}, labels: { app: 'd1' } };
    const msg = {
      metadata: meta,
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'd1' } },
        template: {
          metadata: { ...meta, name: '' },
          spec: {
            containers: [{ name: 'nginx', image: 'nginx', workingDir: '', resources: {}, terminationMessagePath: '', imagePullPolicy: '', stdin: false, stdinOnce: false, tty: false }],
            restartPolicy: '', dnsPolicy: '', serviceAccountName: '', hostNetwork: false, hostPID: false, hostIPC: false,
          },
        },
        strategy: {},
        minReadySeconds: 0,
        paused: false,
      },
      status: { observedGeneration: 0, replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 0 },
    };
    const body = encodeEnvelope(reg, 'apps/v1', 'Deployment', t.encode(t.fromObject(msg)).finish());
    const d = decodeProtobufObject(body, builtinCatalogue()) as any;
    expect(d.apiVersion).toBe('apps/v1');
    expect(d.metadata).toEqual({ name: 'd1', creationTimestamp: null, labels: { app: 'd1' } });
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'd1' } });
    expect(d.spec.template.metadata.labels).toEqual({ app: 'd1' });
    expect(d.spec.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx', resources: {} }]);
    expect(d.spec.strategy).toEqual({});
    expect(d.status).toEqual({});
  });

  it('decodes review requests', () => {
    expect(decode(bodies.selfSubjectAccessReview)).toMatchObject({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { namespace: 'team-a', verb: 'create', resource: 'configmaps' } },
    });
    expect(decode(bodies.selfSubjectReview)).toMatchObject({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  });

  it('rejects bodies without the envelope, and truncated ones, as 400', () => {
    for (const bad of [Buffer.from('{"kind":"x"}'), Buffer.from(bodies.selfSubjectAccessReview, 'base64').subarray(0, 60)]) {
      try {
        decodeProtobufObject(bad, builtinCatalogue());
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ApiError);
        expect((e as ApiError).code).toBe(400);
      }
    }
  });
});
