// kcp's kinds: tenancy.kcp.io/v1alpha1 workspaces and workspacetypes, and core.kcp.io/v1alpha1
// logicalclusters. kcp serves them as custom resources, so they keep CRD conventions here too:
// metadata.generation is maintained, and printer columns are kcp's additionalPrinterColumns, whose
// "date" cells are ages and whose missing values are empty (null) cells.

import { age, name } from './columns.js';
import { CellValue, ColumnDef, KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import { logicalClusterStrategy, workspaceStrategy } from '../tenancy/strategy.js';

/** A custom-resource style AGE column: type "date", the cell an age. */
export function dateAge(): ColumnDef {
  return { ...age(), type: 'date' };
}

/** A string cell that is null when the value is absent, as a CRD's JSONPath column gives it. */
function text(value: unknown): CellValue {
  return value === undefined || value === null ? null : String(value);
}

const phase = (description: string): ColumnDef => ({
  name: 'Phase', type: 'string', description, cell: (o: KObject) => text(o.status?.phase),
});

export const resources: ResourceDef[] = [
  {
    group: 'tenancy.kcp.io', version: 'v1alpha1', kind: 'Workspace', plural: 'workspaces', singular: 'workspace',
    namespaced: false, verbs: STANDARD_VERBS, shortNames: ['ws'], categories: ['kcp'],
    type: 'tenancy/v1alpha1:Workspace', status: true, generation: true, nameRule: 'label', strategy: workspaceStrategy,
    columns: [
      name(),
      { name: 'Type', type: 'string', description: 'Type of the workspace.', cell: (o) => text(o.spec?.type?.name) },
      { name: 'Region', type: 'string', description: 'Region of the workspace, from its "region" label.', cell: (o) => text(o.metadata?.labels?.region) },
      phase('Current phase of the workspace: Scheduling, Initializing, Ready, Terminating, ...'),
      { name: 'URL', type: 'string', description: 'URL at which the workspace is served.', cell: (o) => text(o.spec?.URL) },
      dateAge(),
    ],
  },
  {
    group: 'tenancy.kcp.io', version: 'v1alpha1', kind: 'WorkspaceType', plural: 'workspacetypes', singular: 'workspacetype',
    namespaced: false, verbs: STANDARD_VERBS, categories: ['kcp'],
    type: 'tenancy/v1alpha1:WorkspaceType', status: true, generation: true, nameRule: 'label',
    columns: [name(), dateAge()],
  },
  {
    group: 'core.kcp.io', version: 'v1alpha1', kind: 'LogicalCluster', plural: 'logicalclusters', singular: 'logicalcluster',
    namespaced: false, verbs: STANDARD_VERBS, categories: ['kcp'],
    type: 'corekcp/v1alpha1:LogicalCluster', status: true, generation: true, strategy: logicalClusterStrategy,
    columns: [
      name(),
      phase('Current phase of the logical cluster: Scheduling, Initializing, Ready, Terminating, ...'),
      { name: 'URL', type: 'string', description: 'URL at which the logical cluster is served.', cell: (o) => text(o.status?.URL) },
      dateAge(),
    ],
  },
];
