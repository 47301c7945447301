// Workspace resolution: a /clusters/<path-or-id> segment to a logical cluster id, and the API
// catalogue served there. A path is resolved one Workspace object at a time from the root (or a
// user's home), reading spec.cluster; an id is checked against its LogicalCluster object. No
// per-workspace cache: each step is one primary-key read.

import { Catalogue, builtinCatalogue } from '../apis/catalogue.js';
import { HOME_PREFIX, LOGICAL_CLUSTERS, LOGICAL_CLUSTER_NAME, PATH_ANNOTATION, ROOT, WORKSPACES, homeClusterId, isPath } from '../apis/tenancy/names.js';
import { Store } from '../storage/store.js';

export const ROOT_CLUSTER = ROOT;

export interface WorkspaceResolver {
  /** The logical cluster id a URL segment names, or undefined when there is none. */
  resolve(pathOrId: string): Promise<string | undefined>;
  /** The API catalogue served in a workspace. */
  catalogue(cluster: string): Catalogue;
  /** Every logical cluster id. */
  clusters(): Promise<string[]>;
  /** The canonical path of a logical cluster ("root:org:team"), or undefined. */
  pathOf(cluster: string): Promise<string | undefined>;
}

/** Where a workspace's catalogue comes from (the built-in one unless definitions add resources). */
export interface CatalogueSource {
  catalogue(cluster: string): Catalogue;
}

const BUILTIN_ONLY: CatalogueSource = { catalogue: () => builtinCatalogue() };

export class StoreWorkspaces implements WorkspaceResolver {
  constructor(
    private readonly store: Store,
    private readonly catalogues: CatalogueSource = BUILTIN_ONLY,
  ) {}

  private async logicalCluster(id: string) {
    return this.store.get({ cluster: id, resource: LOGICAL_CLUSTERS, namespace: '', name: LOGICAL_CLUSTER_NAME });
  }

  async resolve(pathOrId: string): Promise<string | undefined> {
    if (!isPath(pathOrId)) return (await this.logicalCluster(pathOrId)) ? pathOrId : undefined;
    const [first, ...rest] = pathOrId.split(':');
    let cluster: string;
    if (first === ROOT) cluster = ROOT;
    else if (first === HOME_PREFIX && rest.length) cluster = homeClusterId(rest.shift()!);
    else return undefined;
    for (const name of rest) {
      const ws = await this.store.get({ cluster, resource: WORKSPACES, namespace: '', name });
      const next: string | undefined = ws?.object.spec?.cluster;
      if (!next) return undefined;
      cluster = next;
    }
    return (await this.logicalCluster(cluster)) ? cluster : undefined;
  }

  catalogue(cluster: string): Catalogue {
    return this.catalogues.catalogue(cluster);
  }

  async clusters(): Promise<string[]> {
    return this.store.clusters();
  }

  async pathOf(cluster: string): Promise<string | undefined> {
    return (await this.logicalCluster(cluster))?.object.metadata?.annotations?.[PATH_ANNOTATION];
  }
}
