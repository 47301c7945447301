// Every package of types the catalogue defines, with its OpenAPI name prefix and protobuf package.

import { PackageDef } from '../schema/model.js';

const api = (group: string, version: string, dir = group): PackageDef => ({
  id: `${group}/${version}`,
  openapiPrefix: `io.k8s.api.${dir}.${version}`,
  protoPackage: `k8s.io.api.${dir}.${version}`,
});

export const PACKAGES: PackageDef[] = [
  { id: 'meta/v1', openapiPrefix: 'io.k8s.apimachinery.pkg.apis.meta.v1', protoPackage: 'k8s.io.apimachinery.pkg.apis.meta.v1' },
  { id: 'runtime', openapiPrefix: 'io.k8s.apimachinery.pkg.runtime', protoPackage: 'k8s.io.apimachinery.pkg.runtime' },
  { id: 'resource', openapiPrefix: 'io.k8s.apimachinery.pkg.api.resource', protoPackage: 'k8s.io.apimachinery.pkg.api.resource' },
  { id: 'intstr', openapiPrefix: 'io.k8s.apimachinery.pkg.util.intstr', protoPackage: 'k8s.io.apimachinery.pkg.util.intstr' },
  api('core', 'v1'),
  api('apps', 'v1'),
  api('batch', 'v1'),
  api('networking', 'v1'),
  api('policy', 'v1'),
  api('autoscaling', 'v1'),
  api('autoscaling', 'v2'),
  api('rbac', 'v1'),
  api('coordination', 'v1'),
  api('events', 'v1'),
  api('authentication', 'v1'),
  api('authorization', 'v1'),
  {
    id: 'apiextensions/v1',
    openapiPrefix: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1',
    protoPackage: 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1',
  },
  { id: 'tenancy/v1alpha1', openapiPrefix: 'io.kcp.tenancy.v1alpha1' },
  { id: 'corekcp/v1alpha1', openapiPrefix: 'io.kcp.core.v1alpha1' },
  { id: 'sync/v1alpha1', openapiPrefix: 'io.kplane.sync.v1alpha1' },
];
