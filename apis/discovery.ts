// Discovery documents: aggregated (apidiscovery.k8s.io v2 and v2beta1) for /api and /apis, and
// the legacy per-group-version documents that kubectl still fetches (auth can-i, 1.27–1.29
// fallbacks). Rendered once per catalogue and cached with their ETags.

import { createHash } from 'node:crypto';
import { APIGroup, Catalogue, ServedResource } from './catalogue.js';

export type DiscoveryFormat = 'v2' | 'v2beta1' | 'legacy';

export interface RenderedDoc {
  body: string;
  etag: string;
  contentType: string;
}

const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

export const AGGREGATED_CONTENT_TYPE = (v: 'v2' | 'v2beta1'): string =>
  `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`;

interface SubEntry {
  name: string;
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

/** Subresources of a resource as discovery lists them, sorted by name. */
function subresources(r: ServedResource): SubEntry[] {
  const subs: SubEntry[] = [];
  if (r.status) subs.push({ name: 'status', group: r.group, version: r.version, kind: r.kind, verbs: SUBRESOURCE_VERBS });
  if (r.scale) subs.push({ name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: SUBRESOURCE_VERBS });
  for (const s of r.subresources ?? []) subs.push({ name: s.name, group: s.group, version: s.version, kind: s.kind, verbs: s.verbs });
  return subs.sort((a, b) => a.name.localeCompare(b.name));
}

function sortedResources(rs: ServedResource[]): ServedResource[] {
  return [...rs].sort((a, b) => a.plural.localeCompare(b.plural));
}

function aggregatedGroup(g: APIGroup): object {
  return {
    metadata: { name: g.name, creationTimestamp: null },
    versions: g.versions.map((v) => ({
      version: v.version,
      resources: sortedResources(v.resources).map((r) => {
        const entry: Record<string, unknown> = {
          resource: r.plural,
          responseKind: { group: r.group, version: r.version, kind: r.kind },
          scope: r.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: r.singular,
          verbs: [...r.verbs].sort(),
        };
        if (r.shortNames?.length) entry.shortNames = r.shortNames;
        if (r.categories?.length) entry.categories = r.categories;
        const subs = subresources(r);
        if (subs.length) {
          entry.subresources = subs.map((s) => ({
            subresource: s.name,
            responseKind: { group: s.group, version: s.version, kind: s.kind },
            verbs: [...s.verbs].sort(),
          }));
        }
        return entry;
      }),
      freshness: 'Current',
    })),
  };
}

function legacyResourceList(group: string, version: string, resources: ServedResource[]): object {
  const out: object[] = [];
  for (const r of sortedResources(resources)) {
    const main: Record<string, unknown> = {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: [...r.verbs].sort(),
    };
    if (r.shortNames?.length) main.shortNames = r.shortNames;
    if (r.categories?.length) main.categories = r.categories;
    out.push(main);
    for (const s of subresources(r)) {
      const sub: Record<string, unknown> = { name: `${r.plural}/${s.name}`, singularName: '', namespaced: r.namespaced };
      if (s.group !== group || s.version !== version) {
        sub.group = s.group;
        sub.version = s.version;
      }
      sub.kind = s.kind;
      sub.verbs = [...s.verbs].sort();
      out.push(sub);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: out };
}

function legacyGroup(g: APIGroup): object {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v.version}`, version: v.version }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

/** The group as discovery lists it: custom resources only once their definition is Established. */
export function discoverableGroup(g: APIGroup): APIGroup | undefined {
  if (!g.versions.some((v) => v.resources.some((r) => r.custom && !r.custom.established))) return g;
  const versions = g.versions
    .map((v) => ({ version: v.version, resources: v.resources.filter((r) => !r.custom || r.custom.established) }))
    .filter((v) => v.resources.length > 0);
  return versions.length ? { name: g.name, versions } : undefined;
}

function discoverableGroups(c: Catalogue): APIGroup[] {
  return c.groups().map(discoverableGroup).filter((g): g is APIGroup => g !== undefined);
}

function render(body: object, contentType: string): RenderedDoc {
  const text = JSON.stringify(body);
  return { body: text, contentType, etag: `"${createHash('sha512').update(text).digest('hex').toUpperCase()}"` };
}

/** Renders and caches the discovery documents of one catalogue. */
export class DiscoveryDocs {
  private readonly cache = new Map<string, RenderedDoc>();

  constructor(private readonly catalogue: Catalogue) {}

  private cached(key: string, make: () => RenderedDoc): RenderedDoc {
    let d = this.cache.get(key);
    if (!d) this.cache.set(key, (d = make()));
    return d;
  }

  /** `/api` (core) or `/apis` (every other group) in the given format. */
  root(core: boolean, format: DiscoveryFormat, serverAddress: string): RenderedDoc {
    const groups = discoverableGroups(this.catalogue).filter((g) => (g.name === '') === core);
    if (format !== 'legacy') {
      return this.cached(`${core}:${format}`, () =>
        render(
          { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${format}`, metadata: {}, items: groups.map(aggregatedGroup) },
          AGGREGATED_CONTENT_TYPE(format),
        ),
      );
    }
    if (core) {
      return render(
        { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] },
        'application/json',
      );
    }
    return this.cached('apis:legacy', () => render({ kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(legacyGroup) }, 'application/json'));
  }

  /** `/apis/<group>`, or undefined when the group is not served. */
  group(name: string): RenderedDoc | undefined {
    const found = this.catalogue.group(name);
    const g = found && discoverableGroup(found);
    if (!g || !name) return undefined;
    return this.cached(`group:${name}`, () => render({ kind: 'APIGroup', apiVersion: 'v1', ...legacyGroup(g) }, 'application/json'));
  }

  /** `/api/v1` or `/apis/<group>/<version>`, or undefined when not served. */
  groupVersion(group: string, version: string): RenderedDoc | undefined {
    const found = this.catalogue.group(group);
    const v = (found && discoverableGroup(found))?.versions.find((x) => x.version === version);
    if (!v) return undefined;
    return this.cached(`gv:${group}/${version}`, () => render(legacyResourceList(group, version, v.resources), 'application/json'));
  }
}

const docsByCatalogue = new WeakMap<Catalogue, DiscoveryDocs>();

export function discoveryDocs(c: Catalogue): DiscoveryDocs {
  let d = docsByCatalogue.get(c);
  if (!d) docsByCatalogue.set(c, (d = new DiscoveryDocs(c)));
  return d;
}
