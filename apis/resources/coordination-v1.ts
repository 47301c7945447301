// coordination.k8s.io/v1: leases (leader election, and the syncer agent's heartbeat).

import { age, name } from './columns.js';
import { ResourceDef, STANDARD_VERBS } from './model.js';
import { validators } from '../validation/index.js';

export const resources: ResourceDef[] = [
  {
    group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', singular: 'lease',
    namespaced: true, verbs: STANDARD_VERBS, type: 'coordination/v1:Lease', strategy: { validate: validators.Lease },
    columns: [
      name(),
      { name: 'Holder', type: 'string', description: 'Identity of the current holder of the lease.', cell: (o) => o.spec?.holderIdentity ?? '' },
      age(),
    ],
  },
];
