// What every workspace starts with: the namespaces `default` and `kube-system`.

import { builtinCatalogue } from '../apis/catalogue.js';
import { ApiError } from '../apis/errors.js';
import { create } from '../apis/registry/create.js';
import { Store } from '../storage/store.js';

export const SYSTEM_USER = { username: 'system:kplane', groups: ['system:masters'] };

const INITIAL_NAMESPACES = ['default', 'kube-system'];

export async function bootstrapWorkspace(store: Store, cluster: string): Promise<void> {
  const catalogue = builtinCatalogue();
  const r = catalogue.resource('', 'v1', 'namespaces')!;
  for (const name of INITIAL_NAMESPACES) {
    try {
      await create(store, { cluster, catalogue, r, namespace: '', user: SYSTEM_USER }, { metadata: { name } }, { dryRun: false, fieldValidation: 'Strict' });
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) throw e;
    }
  }
}
