// apiextensions.k8s.io/v1: CustomResourceDefinitions, per workspace.

import { defaultColumns } from './columns.js';
import { ResourceDef, STANDARD_VERBS } from './model.js';
import { crdStrategy } from '../crd/strategy.js';

export const resources: ResourceDef[] = [
  {
    group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions', singular: 'customresourcedefinition',
    namespaced: false, verbs: STANDARD_VERBS, shortNames: ['crd', 'crds'], categories: ['api-extensions'],
    type: 'apiextensions/v1:CustomResourceDefinition', status: true, generation: true,
    columns: defaultColumns(), strategy: crdStrategy,
  },
];
