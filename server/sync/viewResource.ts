// The resource a view list or watch serves. Built-in resources are the same in every workspace;
// a custom resource exists only in the catalogues of workspaces that define it, so it is taken
// from the first of the given workspaces that serves the requested group/version/resource, and
// every object is served with apiVersion set to the requested version whatever version its own
// workspace stores (conversion None, the only strategy custom resources have here).

import { ServedResource, builtinCatalogue } from '../../apis/catalogue.js';
import { errors } from '../../apis/errors.js';
import { fromStorage, servedAsStored } from '../../apis/registry/scope.js';
import { JsonObject } from '../../storage/store.js';
import { ResourceRequest } from '../http/requestInfo.js';
import { WorkspaceResolver } from '../workspaces.js';

/** Resolves the resource of a list or watch over `clusters`; a 404 when none serves it. */
export function viewResource(workspaces: WorkspaceResolver, clusters: Iterable<string>, rr: ResourceRequest): ServedResource {
  const verb = rr.verb;
  const found = ((): ServedResource | undefined => {
    const builtin = builtinCatalogue().resource(rr.group, rr.version, rr.resource);
    if (builtin) return builtin;
    for (const cluster of clusters) {
      const r = workspaces.catalogue(cluster).resource(rr.group, rr.version, rr.resource);
      // Never served as stored: the stored version differs from one workspace to the next.
      if (r?.custom && r.storage) return { ...r, storage: { ...r.storage, version: '' } };
    }
    return undefined;
  })();
  if (!found || found.virtual || (rr.namespace && !found.namespaced)) throw errors.pathNotFound();
  if (!found.verbs.includes(verb)) throw errors.methodNotSupported(found.gr, verb);
  return found;
}

/** An object as the view serves it: stored JSON as-is when no conversion is needed. */
export function servedJson(r: ServedResource, o: { json: string; object: JsonObject }): string {
  return servedAsStored(r) ? o.json : JSON.stringify(fromStorage(r, o.object));
}
