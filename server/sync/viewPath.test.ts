import { describe, expect, it } from 'vitest';
import { parseViewPath } from './viewPath.js';

describe('parseViewPath', () => {
  const P = '/services/syncer/root:compute/edge-1';

  it('parses a cross-workspace list and watch', () => {
    expect(parseViewPath('GET', `${P}/clusters/*/api/v1/configmaps`, false)).toEqual({
      workspace: 'root:compute',
      target: 'edge-1',
      cluster: '*',
      request: { kind: 'resource', group: '', version: 'v1', resource: 'configmaps', namespace: '', name: '', subresource: '', verb: 'list' },
    });
    expect(parseViewPath('GET', `${P}/clusters/*/apis/apps/v1/deployments`, true)?.request).toMatchObject({ group: 'apps', resource: 'deployments', verb: 'watch' });
  });

  it('parses one object and its status in one workspace', () => {
    expect(parseViewPath('PATCH', `${P}/clusters/abc123/apis/apps/v1/namespaces/ns/deployments/web/status`, false)).toMatchObject({
      cluster: 'abc123',
      request: { group: 'apps', namespace: 'ns', name: 'web', subresource: 'status', verb: 'patch' },
    });
    expect(parseViewPath('GET', `${P}/clusters/abc123/api/v1/namespaces/ns`, false)?.request).toMatchObject({ resource: 'namespaces', name: 'ns', namespace: '' });
  });

  it('decodes the workspace and target segments', () => {
    expect(parseViewPath('GET', '/services/syncer/root%3Acompute/edge-1/clusters/*/api/v1/pods', false)?.workspace).toBe('root:compute');
  });

  it('addresses nothing without clusters/<c>/<resource path>', () => {
    for (const p of [
      '/services/syncer/root:compute',
      `${P}`,
      `${P}/clusters/*`,
      `${P}/clusters/*/api`,
      `${P}/clusters/*/apis/apps/v1`,
      `${P}/foo/*/api/v1/configmaps`,
      '/services/syncer/root:compute/%2F/clusters/*/api/v1/configmaps',
      '/clusters/root/api/v1/configmaps',
    ]) {
      expect(parseViewPath('GET', p, false), p).toBeUndefined();
    }
  });
});
