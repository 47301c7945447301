// Workspace resolution: a /clusters/<path-or-id> segment to a logical cluster id, and the API
// catalogue served there. A path is resolved one Workspace object at a time from the root (or a
// user's home), reading spec.cluster; an id is checked against its LogicalCluster object.
//
// Every request resolves its workspace, so once start() has run the answers are cached: the set of
// logical cluster ids (one string per workspace) and the paths resolved recently. Both follow the
// store through watches, whose events arrive inside the commit that changes a LogicalCluster or a
// Workspace, so a request that follows such a write never sees a stale answer.

import { Catalogue, builtinCatalogue } from '../apis/catalogue.js';
import { HOME_PREFIX, LOGICAL_CLUSTERS, LOGICAL_CLUSTER_NAME, PATH_ANNOTATION, ROOT, WORKSPACES, homeClusterId, isPath } from '../apis/tenancy/names.js';
import { Store, Watch } from '../storage/store.js';

const PATHS_CACHED = 10_000;

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

  /** Logical cluster ids, once start() has loaded them. */
  private ids?: Set<string>;
  /** Resolved paths → ids, most recently used last; cleared by any Workspace change. */
  private readonly paths = new Map<string, string>();
  /** Bumped whenever the cache is cleared, so a resolution that raced a write is not cached. */
  private generation = 0;
  private watches: Watch[] = [];

  /** Loads the logical cluster ids and follows changes; until then every answer is read from the store. */
  async start(): Promise<void> {
    const ids = new Set<string>();
    this.watches.push(
      this.store.watch({ resource: LOGICAL_CLUSTERS, fromRv: this.store.currentRevision() }, (e) => {
        if (e.key.name !== LOGICAL_CLUSTER_NAME) return;
        if (e.type === 'DELETED') ids.delete(e.key.cluster);
        else ids.add(e.key.cluster);
        this.invalidate();
      }),
      this.store.watch({ resource: WORKSPACES }, () => this.invalidate()),
    );
    for (const item of (await this.store.listAcrossClusters(LOGICAL_CLUSTERS)).items) if (item.key.name === LOGICAL_CLUSTER_NAME) ids.add(item.key.cluster);
    this.ids = ids;
  }

  stop(): void {
    for (const w of this.watches) w.stop();
  }

  private invalidate(): void {
    this.paths.clear();
    this.generation++;
  }

  private async logicalClusterExists(id: string): Promise<boolean> {
    if (this.ids) return this.ids.has(id);
    return !!(await this.logicalCluster(id));
  }

  private async logicalCluster(id: string) {
    return this.store.get({ cluster: id, resource: LOGICAL_CLUSTERS, namespace: '', name: LOGICAL_CLUSTER_NAME });
  }

  async resolve(pathOrId: string): Promise<string | undefined> {
    if (!isPath(pathOrId)) return (await this.logicalClusterExists(pathOrId)) ? pathOrId : undefined;
    const cached = this.paths.get(pathOrId);
    if (cached !== undefined) {
      this.paths.delete(pathOrId);
      this.paths.set(pathOrId, cached);
      return cached;
    }
    const generation = this.generation;
    const id = await this.resolvePath(pathOrId);
    // Only what no write changed meanwhile is cached; later writes clear the map.
    if (id !== undefined && this.ids && generation === this.generation) {
      this.paths.set(pathOrId, id);
      if (this.paths.size > PATHS_CACHED) this.paths.delete(this.paths.keys().next().value!);
    }
    return id;
  }

  private async resolvePath(pathOrId: string): Promise<string | undefined> {
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
    return (await this.logicalClusterExists(cluster)) ? cluster : undefined;
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
