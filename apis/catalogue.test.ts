import { describe, expect, it } from 'vitest';
import { builtinCatalogue, compareVersions } from './catalogue.js';
import { discoveryDocs } from './discovery.js';
import { openapiV3 } from './openapi/v3.js';
import { toTable } from './tables.js';

const c = builtinCatalogue();

describe('the built-in catalogue', () => {
  it('resolves every type every resource refers to', () => {
    expect(c.types.unresolved()).toEqual([]);
    for (const r of c.allResources()) expect(c.types.has(r.type), `${r.plural} → ${r.type}`).toBe(true);
  });

  it('serves the kinds DESIGN.md §4 lists', () => {
    const served = new Set([...c.allResources()].map((r) => `${r.group}/${r.version}/${r.plural}`));
    for (const gvr of [
      '/v1/namespaces', '/v1/configmaps', '/v1/secrets', '/v1/serviceaccounts', '/v1/events', '/v1/services', '/v1/persistentvolumeclaims',
      '/v1/resourcequotas', '/v1/limitranges', 'apps/v1/deployments', 'apps/v1/statefulsets', 'apps/v1/daemonsets', 'apps/v1/replicasets',
      'batch/v1/jobs', 'batch/v1/cronjobs', 'networking.k8s.io/v1/ingresses', 'networking.k8s.io/v1/networkpolicies',
      'policy/v1/poddisruptionbudgets', 'autoscaling/v1/horizontalpodautoscalers', 'autoscaling/v2/horizontalpodautoscalers',
      'rbac.authorization.k8s.io/v1/roles', 'rbac.authorization.k8s.io/v1/clusterroles', 'rbac.authorization.k8s.io/v1/rolebindings',
      'rbac.authorization.k8s.io/v1/clusterrolebindings', 'apiextensions.k8s.io/v1/customresourcedefinitions', 'coordination.k8s.io/v1/leases',
      'events.k8s.io/v1/events', 'authorization.k8s.io/v1/selfsubjectaccessreviews', 'authentication.k8s.io/v1/selfsubjectreviews',
      'tenancy.kcp.io/v1alpha1/workspaces', 'tenancy.kcp.io/v1alpha1/workspacetypes', 'core.kcp.io/v1alpha1/logicalclusters',
    ]) {
      expect(served.has(gvr), gvr).toBe(true);
    }
  });

  it('prefers GA over beta and higher versions first', () => {
    expect(['v1', 'v2', 'v1beta1', 'v2alpha1', 'v1beta2'].sort(compareVersions)).toEqual(['v2', 'v1', 'v1beta2', 'v1beta1', 'v2alpha1']);
    expect(c.group('autoscaling')!.versions.map((v) => v.version)).toEqual(['v2', 'v1']);
  });

  it('prints a row for every resource, even for a nearly empty object', () => {
    for (const r of c.allResources()) {
      const table = toTable(r, [{ metadata: { name: 'x', creationTimestamp: '2026-01-01T00:00:00Z' } }], {}, { version: 'v1', includeObject: 'Metadata', now: Date.parse('2026-01-01T00:01:00Z') });
      expect(table.rows[0].cells.length, r.plural).toBe(table.columnDefinitions.length);
    }
  });

  it('describes deployments in discovery with scale and status subresources', () => {
    const apps = JSON.parse(discoveryDocs(c).root(false, 'v2', 'x:1').body).items.find((g: any) => g.metadata.name === 'apps');
    const d = apps.versions[0].resources.find((r: any) => r.resource === 'deployments');
    expect(d).toMatchObject({ scope: 'Namespaced', singularResource: 'deployment', shortNames: ['deploy'], categories: ['all'] });
    expect(d.subresources.map((s: any) => [s.subresource, s.responseKind.kind])).toEqual([['scale', 'Scale'], ['status', 'Deployment']]);
  });

  it('publishes OpenAPI v3 documents whose hash changes with their content', () => {
    const v3 = openapiV3(c);
    const index = JSON.parse(v3.indexBody());
    const url: string = index.paths['apis/apps/v1'].serverRelativeURL;
    const doc = v3.doc('apis/apps/v1')!;
    expect(url).toBe(`/openapi/v3/apis/apps/v1?hash=${doc.hash}`);
    expect(doc.hash).toMatch(/^[0-9A-F]{128}$/);
    expect(v3.doc('api/v1')!.hash).not.toBe(doc.hash);
  });
});
