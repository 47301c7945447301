import { describe, expect, it } from 'vitest';
import { auditLine } from './audit.js';
import type { RequestFacts } from './requestFacts.js';

const facts = (extra: Partial<RequestFacts> = {}): RequestFacts => ({
  auditId: 'a-1', receivedAt: Date.UTC(2026, 0, 2, 3, 4, 5, 678), verb: 'GET', group: 'apps', version: 'v1', resource: 'deployments',
  subresource: '', scope: 'resource', namespace: 'prod', name: 'web', cluster: 'root', dryRun: false, longRunning: false,
  user: { username: 'alice', uid: 'u1', groups: ['dev', 'system:authenticated'] }, ...extra,
});

describe('auditLine', () => {
  it('is one audit.k8s.io/v1 Event as a JSON line', () => {
    const line = auditLine(facts(), { requestURI: '/clusters/root/apis/apps/v1/namespaces/prod/deployments/web', sourceIP: '127.0.0.1', userAgent: 'kubectl/v1.33.9 "x"', code: 200, stage: 'ResponseComplete' }, Date.UTC(2026, 0, 2, 3, 4, 6));
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({
      kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: 'a-1', stage: 'ResponseComplete',
      requestURI: '/clusters/root/apis/apps/v1/namespaces/prod/deployments/web', verb: 'get',
      user: { username: 'alice', uid: 'u1', groups: ['dev', 'system:authenticated'] }, sourceIPs: ['127.0.0.1'], userAgent: 'kubectl/v1.33.9 "x"',
      objectRef: { resource: 'deployments', namespace: 'prod', name: 'web', apiGroup: 'apps', apiVersion: 'v1' },
      responseStatus: { metadata: {}, code: 200 },
      requestReceivedTimestamp: '2026-01-02T03:04:05.678000Z', stageTimestamp: '2026-01-02T03:04:06.000000Z',
      annotations: { 'kplane.io/workspace': 'root' },
    });
  });

  it('records anonymous non-resource requests without an objectRef', () => {
    const e = JSON.parse(auditLine(facts({ resource: '', user: undefined, cluster: undefined, verb: 'GET' }), { requestURI: '/version', sourceIP: '::1', code: 200, stage: 'ResponseComplete' }));
    expect(e.user).toEqual({ username: 'system:anonymous', groups: ['system:unauthenticated'] });
    expect(e.objectRef).toBeUndefined();
    expect(e.userAgent).toBeUndefined();
    expect(e.annotations).toEqual({});
  });
});
