import { describe, expect, it } from 'vitest';
import { parsePath } from './requestInfo.js';

describe('request paths', () => {
  it.each([
    ['GET', '/clusters/root/api/v1/namespaces/a/configmaps', { group: '', version: 'v1', resource: 'configmaps', namespace: 'a', name: '', verb: 'list' }],
    ['GET', '/clusters/root/api/v1/namespaces/a/configmaps/x', { resource: 'configmaps', namespace: 'a', name: 'x', verb: 'get' }],
    ['GET', '/clusters/root/api/v1/configmaps', { resource: 'configmaps', namespace: '', verb: 'list' }],
    ['GET', '/clusters/root/api/v1/namespaces', { resource: 'namespaces', namespace: '', name: '', verb: 'list' }],
    ['GET', '/clusters/root/api/v1/namespaces/a', { resource: 'namespaces', namespace: '', name: 'a', verb: 'get' }],
    ['PUT', '/clusters/root/api/v1/namespaces/a/finalize', { resource: 'namespaces', name: 'a', subresource: 'finalize', verb: 'update' }],
    ['PATCH', '/clusters/root/api/v1/namespaces/a/status', { resource: 'namespaces', name: 'a', subresource: 'status', verb: 'patch' }],
    ['POST', '/clusters/root:org/apis/apps/v1/namespaces/a/deployments', { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'a', verb: 'create' }],
    ['PATCH', '/clusters/root/apis/apps/v1/namespaces/a/deployments/web/scale', { resource: 'deployments', name: 'web', subresource: 'scale', verb: 'patch' }],
    ['DELETE', '/clusters/root/apis/apps/v1/namespaces/a/deployments', { verb: 'deletecollection' }],
    ['DELETE', '/clusters/root/apis/apps/v1/namespaces/a/deployments/web', { verb: 'delete', name: 'web' }],
    ['GET', '/clusters/root/api/v1/watch/namespaces/a/configmaps', { resource: 'configmaps', namespace: 'a', verb: 'watch' }],
    ['GET', '/clusters/root/api/v1/watch/namespaces/a/configmaps/x', { resource: 'configmaps', name: 'x', verb: 'watch' }],
  ])('%s %s', (method, path, want) => {
    const p = parsePath(method, path);
    expect(p.request).toMatchObject({ kind: 'resource', ...want });
  });

  it('treats ?watch=true on a collection as a watch', () => {
    expect(parsePath('GET', '/clusters/root/api/v1/configmaps', true).request).toMatchObject({ verb: 'watch' });
  });

  it('separates the workspace from the path inside it', () => {
    expect(parsePath('GET', '/clusters/root:org:team/api').workspace).toBe('root:org:team');
    expect(parsePath('GET', '/api').workspace).toBeUndefined();
  });

  it.each([
    ['/clusters/root/api', { kind: 'discoveryRoot', core: true }],
    ['/clusters/root/apis', { kind: 'discoveryRoot', core: false }],
    ['/clusters/root/apis/apps', { kind: 'discoveryGroup', group: 'apps' }],
    ['/clusters/root/api/v1', { kind: 'discoveryGroupVersion', group: '', version: 'v1' }],
    ['/clusters/root/apis/apps/v1', { kind: 'discoveryGroupVersion', group: 'apps', version: 'v1' }],
    ['/clusters/root/openapi/v3', { kind: 'openapiV3Index' }],
    ['/clusters/root/openapi/v3/apis/apps/v1', { kind: 'openapiV3', key: 'apis/apps/v1' }],
    ['/clusters/root/openapi/v2', { kind: 'openapiV2' }],
    ['/clusters/root/version', { kind: 'version' }],
    ['/clusters/root/api/v1/namespaces/a/configmaps/x/y/z', { kind: 'other' }],
  ])('non-resource %s', (path, want) => {
    expect(parsePath('GET', path).request).toMatchObject(want);
  });
});
