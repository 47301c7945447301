// The API catalogue of each workspace: the built-in catalogue, shared by every workspace, plus
// the resources of the workspace's CustomResourceDefinitions once their names are accepted.
//
// Every definition of every workspace is held in memory (loaded at start, then kept current by
// one watch across workspaces). The watch hub delivers events synchronously inside the commit,
// before the writer is answered, so a request that follows a definition's write always sees it.
// Catalogues are built on demand and kept in a small LRU: a workspace without definitions costs
// nothing, one with definitions costs its catalogue only while it is in use.

import { Catalogue, builtinCatalogue } from '../apis/catalogue.js';
import { customResourceDefs } from '../apis/crd/served.js';
import { isServed } from '../apis/crd/conditions.js';
import { KObject, ResourceDef } from '../apis/resources/model.js';
import { BUILTIN_RESOURCES } from '../apis/resources/index.js';
import { typeRegistry } from '../apis/types/index.js';
import { Store, Watch } from '../storage/store.js';

export const CRD_RESOURCE = 'apiextensions.k8s.io/customresourcedefinitions';

const DEFAULT_CACHED = 256;

interface Definition {
  rv: number;
  object: KObject;
}

type Listener = (cluster: string, name: string, crd: KObject | undefined) => void;

export class CrdCatalogues {
  private readonly defs = new Map<string, Map<string, Definition>>();
  private readonly cache = new Map<string, Catalogue>();
  private readonly listeners = new Set<Listener>();
  private readonly builtinKeys = new Set(BUILTIN_RESOURCES.map((r) => `${r.group}/${r.version}/${r.plural}`));
  private watch?: Watch;

  constructor(
    private readonly store: Store,
    private readonly maxCached = DEFAULT_CACHED,
  ) {}

  /** Loads every definition and follows changes. */
  async start(): Promise<void> {
    this.watch = this.store.watch({ resource: CRD_RESOURCE, fromRv: this.store.currentRevision() }, (e) => {
      this.apply(e.key.cluster, e.key.name, e.rv, e.type === 'DELETED' ? undefined : e.object);
    });
    const all = await this.store.listAcrossClusters(CRD_RESOURCE);
    for (const item of all.items) this.apply(item.key.cluster, item.key.name, item.rv, item.object);
  }

  stop(): void {
    this.watch?.stop();
  }

  /** Called with every change of a definition, after the catalogue reflects it. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The definitions of a workspace (read-only objects). */
  definitions(cluster: string): KObject[] {
    return [...(this.defs.get(cluster)?.values() ?? [])].map((d) => d.object);
  }

  /** One definition, or undefined. */
  definition(cluster: string, name: string): KObject | undefined {
    return this.defs.get(cluster)?.get(name)?.object;
  }

  /** Workspaces that have definitions. */
  clusters(): string[] {
    return [...this.defs.keys()];
  }

  catalogue(cluster: string): Catalogue {
    const defs = this.defs.get(cluster);
    if (!defs) return builtinCatalogue();
    let c = this.cache.get(cluster);
    if (c) {
      // Most recently used last.
      this.cache.delete(cluster);
      this.cache.set(cluster, c);
      return c;
    }
    c = this.build([...defs.values()].map((d) => d.object));
    this.cache.set(cluster, c);
    if (this.cache.size > this.maxCached) this.cache.delete(this.cache.keys().next().value!);
    return c;
  }

  private build(crds: KObject[]): Catalogue {
    const custom: ResourceDef[] = [];
    const sorted = crds.filter(isServed).sort((a, b) => String(a.spec?.group).localeCompare(String(b.spec?.group)) || String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
    const taken = new Set<string>();
    for (const crd of sorted) {
      for (const r of customResourceDefs(crd)) {
        const key = `${r.group}/${r.version}/${r.plural}`;
        // Built-in resources win over definitions of the same name (upstream's overlapping resources).
        if (this.builtinKeys.has(key) || taken.has(key)) continue;
        taken.add(key);
        custom.push(r);
      }
    }
    if (custom.length === 0) return builtinCatalogue();
    return new Catalogue([...BUILTIN_RESOURCES, ...custom], typeRegistry());
  }

  private apply(cluster: string, name: string, rv: number, object: KObject | undefined): void {
    let defs = this.defs.get(cluster);
    const known = defs?.get(name);
    if (known && known.rv >= rv) return;
    if (object) {
      if (!defs) this.defs.set(cluster, (defs = new Map()));
      defs.set(name, { rv, object });
    } else if (defs && known) {
      defs.delete(name);
      if (defs.size === 0) this.defs.delete(cluster);
    } else {
      return;
    }
    this.cache.delete(cluster);
    for (const l of this.listeners) l(cluster, name, object);
  }
}
