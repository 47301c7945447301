// Every active namespace has a ServiceAccount named "default", as upstream's service account
// controller keeps it: created with the namespace, re-created when deleted. One watch on
// namespaces and one on service accounts for the whole process.

import type { Logger } from 'pino';
import { builtinCatalogue } from '../../apis/catalogue.js';
import { Store, Watch } from '../../storage/store.js';
import { SYSTEM_USER } from '../bootstrap.js';
import { ensure } from '../tenancy/content.js';

export class DefaultServiceAccounts {
  private watches: Watch[] = [];

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.watches.push(
      this.store.watch({ resource: '/namespaces' }, (ev) => {
        if (ev.type === 'ADDED' && !ev.object.metadata?.deletionTimestamp) this.ensure(ev.key.cluster, ev.key.name);
      }),
      this.store.watch({ resource: '/serviceaccounts' }, (ev) => {
        if (ev.type === 'DELETED' && ev.key.name === 'default') void this.recreate(ev.key.cluster, ev.key.namespace);
      }),
    );
  }

  stop(): void {
    for (const w of this.watches) w.stop();
  }

  private async recreate(cluster: string, namespace: string): Promise<void> {
    const ns = await this.store.get({ cluster, resource: '/namespaces', namespace: '', name: namespace });
    if (ns && !ns.object.metadata?.deletionTimestamp) this.ensure(cluster, namespace);
  }

  private ensure(cluster: string, namespace: string): void {
    const catalogue = builtinCatalogue();
    const r = catalogue.resource('', 'v1', 'serviceaccounts')!;
    ensure(this.store, { cluster, catalogue, r, namespace, user: SYSTEM_USER }, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } }).catch((e) => {
      // The namespace may be going away; nothing to keep then.
      if ((e as { reason?: string }).reason !== 'Forbidden' && (e as { reason?: string }).reason !== 'NotFound') this.log.warn({ err: e, cluster, namespace }, 'default service account not created');
    });
  }
}
