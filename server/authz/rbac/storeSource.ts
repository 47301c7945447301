// The RBAC authorizer's view of a workspace's policy, read from the Store on each decision: a
// range scan of the workspace's ClusterRoleBindings, of the namespace's RoleBindings, and point
// reads of roles. No per-workspace cache.

import { KObject } from '../../../apis/resources/model.js';
import { Store } from '../../../storage/store.js';
import { RbacSource } from './source.js';

const RBAC = 'rbac.authorization.k8s.io';

export class StoreRbacSource implements RbacSource {
  constructor(private readonly store: Store) {}

  private async all(cluster: string, plural: string, namespace?: string): Promise<KObject[]> {
    const page = await this.store.list({ cluster, resource: `${RBAC}/${plural}`, namespace });
    return page.items.map((i) => i.object);
  }

  clusterRoleBindings(cluster: string): Promise<KObject[]> {
    return this.all(cluster, 'clusterrolebindings');
  }

  roleBindings(cluster: string, namespace: string): Promise<KObject[]> {
    return this.all(cluster, 'rolebindings', namespace);
  }

  clusterRoles(cluster: string): Promise<KObject[]> {
    return this.all(cluster, 'clusterroles');
  }

  async role(cluster: string, namespace: string, name: string): Promise<KObject | undefined> {
    return (await this.store.get({ cluster, resource: `${RBAC}/roles`, namespace, name }))?.object;
  }
}
