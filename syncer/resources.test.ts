import { describe, expect, it } from 'vitest';
import { BUILTIN_RESOURCES, CRDS, DiscoveredGroupVersion, customResource, decideResources, resourceName, resourcePath } from './resources.js';

const gv = (group: string, version: string, ...resources: string[]): DiscoveredGroupVersion => ({ group, version, resources: new Set(resources) });

describe('resources', () => {
  it('builds API paths', () => {
    const deploy = BUILTIN_RESOURCES.find((r) => r.plural === 'deployments')!;
    expect(resourcePath(deploy)).toBe('/apis/apps/v1/deployments');
    expect(resourcePath(deploy, 'ns', 'web', 'status')).toBe('/apis/apps/v1/namespaces/ns/deployments/web/status');
    expect(resourcePath(BUILTIN_RESOURCES[0]!, 'ns')).toBe('/api/v1/namespaces/ns/serviceaccounts');
    expect(resourcePath(CRDS, undefined, 'a.example.com')).toBe('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/a.example.com');
    expect(resourceName(deploy)).toBe('deployments.apps');
  });

  it('accepts what the member serves at the same version, within supportedResources', () => {
    const served: Record<string, DiscoveredGroupVersion[]> = {
      '': [gv('', 'v1', 'configmaps', 'services', 'secrets')],
      apps: [gv('apps', 'v1', 'deployments')],
      autoscaling: [gv('autoscaling', 'v1', 'horizontalpodautoscalers')],
    };
    const candidates = BUILTIN_RESOURCES.filter((r) => ['configmaps', 'deployments', 'horizontalpodautoscalers', 'statefulsets'].includes(r.plural));
    const all = decideResources(candidates, (g) => served[g] ?? [], undefined);
    expect(all.map((d) => [d.resource.plural, d.state])).toEqual([
      ['configmaps', 'Accepted'], ['deployments', 'Accepted'], ['statefulsets', 'Incompatible'], ['horizontalpodautoscalers', 'Incompatible'],
    ]);
    expect(all.find((d) => d.resource.plural === 'horizontalpodautoscalers')!.reason).toBe('member serves v1, not v2');
    const some = decideResources(candidates, (g) => served[g] ?? [], ['deployments.apps', 'configmaps']);
    expect(some.map((d) => d.resource.plural)).toEqual(['configmaps', 'deployments']);
  });

  it('reads custom resources from their CRD (storage version, status subresource, scope)', () => {
    const crd = { spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' }, versions: [{ name: 'v1beta1', served: true }, { name: 'v1', served: true, storage: true, subresources: { status: {} } }] } };
    expect(customResource(crd)).toEqual({ group: 'example.com', version: 'v1', plural: 'widgets', kind: 'Widget', namespaced: true, status: true, id: 'example.com/widgets' });
    expect(customResource({})).toBeUndefined();
  });
});
