// sync.kplane.io/v1alpha1: SyncTargets (member clusters, in a compute workspace) and Placements
// (which namespaces of a tenant workspace go to which targets). Both are cluster-scoped in their
// workspace: a Placement selects namespaces, so it cannot sit inside one.

import { age as ageSince } from '../machinery/duration.js';
import { name } from './columns.js';
import { CellValue, ColumnDef, KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import { dateAge } from './tenancy.js';
import { kindValidator } from '../validation/index.js';
import { validatePlacement } from '../validation/sync.js';
import { defaultPlacement } from '../defaults/sync.js';

/** The status of condition `type` in status.conditions, null when it is not reported. */
function conditionStatus(o: KObject, type: string): CellValue {
  const c = (o.status?.conditions ?? []).find((x: KObject) => x?.type === type);
  return c?.status ?? null;
}

const ready = (description: string): ColumnDef => ({
  name: 'Ready', type: 'string', description, cell: (o) => conditionStatus(o, 'Ready'),
});

/** Distinct values of `key` over status.decisions, in first-seen order. */
function decided(o: KObject, key: 'target' | 'namespace'): string[] {
  const seen = new Set<string>();
  for (const d of o.status?.decisions ?? []) if (typeof d?.[key] === 'string') seen.add(d[key]);
  return [...seen];
}

export const resources: ResourceDef[] = [
  {
    group: 'sync.kplane.io', version: 'v1alpha1', kind: 'SyncTarget', plural: 'synctargets', singular: 'synctarget',
    namespaced: false, verbs: STANDARD_VERBS, type: 'sync/v1alpha1:SyncTarget', status: true, generation: true,
    columns: [
      name(),
      ready('Whether the agent is connected and the target accepts work (the Ready condition).'),
      { name: 'Distribution', type: 'string', description: 'Kubernetes distribution of the member cluster.', cell: (o) => o.status?.distribution ?? null },
      { name: 'Version', type: 'string', description: 'Kubernetes version of the member cluster.', cell: (o) => o.status?.version?.kubernetes ?? null },
      {
        name: 'Last Heartbeat', type: 'date', description: 'Time since the agent last renewed its heartbeat.',
        cell: (o, now) => (o.status?.lastHeartbeatTime ? ageSince(o.status.lastHeartbeatTime, now) : null),
      },
      { name: 'Agent', type: 'string', priority: 1, description: 'Version of the syncer agent.', cell: (o) => o.status?.version?.agent ?? null },
      dateAge(),
    ],
  },
  {
    group: 'sync.kplane.io', version: 'v1alpha1', kind: 'Placement', plural: 'placements', singular: 'placement',
    namespaced: false, verbs: STANDARD_VERBS, type: 'sync/v1alpha1:Placement', status: true, generation: true,
    strategy: { defaults: defaultPlacement, validate: kindValidator('sync/v1alpha1:Placement', validatePlacement) },
    columns: [
      name(),
      { name: 'Location', type: 'string', description: 'Compute workspace the targets are chosen from.', cell: (o) => o.spec?.location?.workspace ?? null },
      { name: 'Targets', type: 'string', description: 'Sync targets the selected namespaces were placed on.', cell: (o) => decided(o, 'target').join(',') },
      ready('Whether every selected namespace is placed (the Ready condition).'),
      { name: 'Namespaces', type: 'integer', priority: 1, description: 'Number of namespaces placed.', cell: (o) => decided(o, 'namespace').length },
      { name: 'Conflict Policy', type: 'string', priority: 1, description: 'What happens to member objects that are not ours: Abort or Adopt.', cell: (o) => o.spec?.conflictPolicy ?? 'Abort' },
      dateAge(),
    ],
  },
];
