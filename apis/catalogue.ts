// The catalogue at run time: served resources looked up by group/version/resource or kind,
// grouped for discovery. The built-in catalogue is built once and shared by every workspace;
// a workspace only gets a catalogue of its own when it defines CRDs.

import { GroupResource } from './errors.js';
import { ResourceDef } from './resources/model.js';
import { BUILTIN_RESOURCES } from './resources/index.js';
import { TypeRegistry } from './schema/registry.js';
import { typeRegistry } from './types/index.js';

export interface ServedResource extends ResourceDef {
  listKind: string;
  /** "v1" for core, "apps/v1" otherwise. */
  apiVersion: string;
  /** Storage key shared by every version of the resource: "<group>/<plural>". */
  storageKey: string;
  gr: GroupResource;
}

export interface GroupVersion {
  version: string;
  resources: ServedResource[];
}

export interface APIGroup {
  name: string; // "" for core
  /** Preferred version first. */
  versions: GroupVersion[];
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first (v2 > v1 > v1beta2). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0];
    const stage = m[2] === 'alpha' ? 1 : m[2] === 'beta' ? 2 : 3;
    return [stage, Number(m[1]), Number(m[3] ?? 0)];
  };
  const [sa, ma, na] = parse(a);
  const [sb, mb, nb] = parse(b);
  return sb - sa || mb - ma || nb - na || a.localeCompare(b);
}

function serve(r: ResourceDef): ServedResource {
  return {
    ...r,
    listKind: r.listKind ?? `${r.kind}List`,
    apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
    storageKey: r.storage?.resource ?? `${r.group}/${r.plural}`,
    gr: { group: r.group, resource: r.plural },
  };
}

export class Catalogue {
  private readonly byGVR = new Map<string, ServedResource>();
  private readonly byGVK = new Map<string, ServedResource>();
  private readonly groupList: APIGroup[] = [];

  constructor(
    resources: readonly ResourceDef[],
    readonly types: TypeRegistry,
  ) {
    const groups = new Map<string, Map<string, ServedResource[]>>();
    for (const def of resources) {
      const r = serve(def);
      const gvr = `${r.group}/${r.version}/${r.plural}`;
      if (this.byGVR.has(gvr)) throw new Error(`resource ${gvr} defined twice`);
      this.byGVR.set(gvr, r);
      this.byGVK.set(`${r.group}/${r.version}/${r.kind}`, r);
      let versions = groups.get(r.group);
      if (!versions) groups.set(r.group, (versions = new Map()));
      let list = versions.get(r.version);
      if (!list) versions.set(r.version, (list = []));
      list.push(r);
    }
    for (const [name, versions] of groups) {
      const ordered = [...versions.keys()].sort(compareVersions);
      this.groupList.push({ name, versions: ordered.map((version) => ({ version, resources: versions.get(version)! })) });
    }
  }

  resource(group: string, version: string, plural: string): ServedResource | undefined {
    return this.byGVR.get(`${group}/${version}/${plural}`);
  }

  byKind(group: string, version: string, kind: string): ServedResource | undefined {
    return this.byGVK.get(`${group}/${version}/${kind}`);
  }

  /**
   * The catalogue type of a kind: a served resource's type, else the type named `kind` in the
   * group-version's package ("authentication.k8s.io/v1 TokenRequest" → authentication/v1:TokenRequest)
   * or in meta/v1 (DeleteOptions, Status).
   */
  typeOfKind(group: string, version: string, kind: string): string | undefined {
    const r = this.byKind(group, version, kind);
    if (r) return r.type;
    const pkg = `${group ? group.split('.')[0] : 'core'}/${version}`;
    for (const id of [`${pkg}:${kind}`, `meta/v1:${kind}`]) if (this.types.has(id)) return id;
    return undefined;
  }

  /** The group's preferred version of `plural`, or undefined. */
  preferred(group: string, plural: string): ServedResource | undefined {
    const g = this.groupList.find((x) => x.name === group);
    for (const v of g?.versions ?? []) {
      const r = v.resources.find((x) => x.plural === plural);
      if (r) return r;
    }
    return undefined;
  }

  /** Groups in discovery order: core first, then as declared. */
  groups(): readonly APIGroup[] {
    return this.groupList;
  }

  group(name: string): APIGroup | undefined {
    return this.groupList.find((g) => g.name === name);
  }

  /**
   * The resource served exactly as stored under a storage key (one per key); for a custom
   * resource whose storage version is not served, another served version; else undefined.
   */
  byStorageKey(key: string): ServedResource | undefined {
    let other: ServedResource | undefined;
    for (const r of this.byGVR.values()) {
      if (r.storageKey !== key) continue;
      if (!r.storage || r.storage.version === r.apiVersion) return r;
      if (r.custom) other ??= r;
    }
    return other;
  }

  /** Every distinct storage key of stored (non-virtual) resources. */
  storageKeys(): string[] {
    const keys = new Set<string>();
    for (const r of this.byGVR.values()) if (!r.virtual) keys.add(r.storageKey);
    return [...keys];
  }

  /** True for resources served from a CustomResourceDefinition. */
  isCustom(r: ServedResource): boolean {
    return r.custom !== undefined;
  }

  allResources(): IterableIterator<ServedResource> {
    return this.byGVR.values();
  }
}

let builtin: Catalogue | undefined;

/** The catalogue of built-in kinds, served in every workspace. */
export function builtinCatalogue(): Catalogue {
  builtin ??= new Catalogue(BUILTIN_RESOURCES, typeRegistry());
  return builtin;
}
