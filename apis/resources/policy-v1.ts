// The policy/v1 resource: PodDisruptionBudgets. Discovery facts and printer columns (as
// kube-apiserver's table printer fills them); policy/v1 has no defaulting of its own.

import { age, name } from './columns.js';
import { ColumnDef, KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import { validators } from '../validation/index.js';

/** An IntOrString as printed (intstr.String()), "N/A" when unset. */
function intOrString(v: unknown): string {
  return v === undefined || v === null ? 'N/A' : String(v);
}

const podDisruptionBudgetColumns: ColumnDef[] = [
  name(),
  { name: 'Min Available', type: 'string', description: 'Pods that must stay available after an eviction.', cell: (o: KObject) => intOrString(o.spec?.minAvailable) },
  { name: 'Max Unavailable', type: 'string', description: 'Pods that may be unavailable after an eviction.', cell: (o: KObject) => intOrString(o.spec?.maxUnavailable) },
  {
    name: 'Allowed Disruptions', type: 'integer', description: 'Evictions the budget allows right now.',
    cell: (o: KObject) => (typeof o.status?.disruptionsAllowed === 'number' ? o.status.disruptionsAllowed : 0),
  },
  age(),
];

export const resources: ResourceDef[] = [
  {
    group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', singular: 'poddisruptionbudget',
    namespaced: true, verbs: STANDARD_VERBS, shortNames: ['pdb'], type: 'policy/v1:PodDisruptionBudget',
    status: true, generation: true, nameRule: 'subdomain', columns: podDisruptionBudgetColumns,
    strategy: { validate: validators.PodDisruptionBudget },
  },
];
