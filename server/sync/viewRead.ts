// List and watch through the syncer view: one resource, in every workspace (clusters/*) or one,
// only objects placed on the target (state label = Sync), in the standard wire format.
//
// Watch semantics are the server's usual ones (handlers/watch.ts), over the cross-workspace
// change feed filtered by the label: an object that gains the label arrives as ADDED, one that
// loses it as DELETED (its last state), bookmarks when asked, 410 Expired (an ERROR event) from a
// compacted revision. Without a resourceVersion (or with "0") the placed objects are sent first
// as ADDED, as kube does; sendInitialEvents works as for any watch.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { builtinCatalogue } from '../../apis/catalogue.js';
import { errors } from '../../apis/errors.js';
import { checkReadRV, validateListOptions } from '../../apis/registry/read.js';
import { Scope } from '../../apis/registry/scope.js';
import { ObjectFilter, objectFilter } from '../../apis/registry/selectors.js';
import { JsonObject, Store } from '../../storage/store.js';
import { UserInfo } from '../auth/user.js';
import { WatchRegistry, httpSink, serveWatch } from '../handlers/watch.js';
import { objectFormat } from '../http/negotiation.js';
import { boolParam, intParam } from '../http/query.js';
import { ResourceRequest } from '../http/requestInfo.js';
import { WorkspaceResolver } from '../workspaces.js';
import { PlacedNamespaces } from './placedNamespaces.js';
import { ALL_CLUSTERS } from './viewPath.js';
import { listPlaced, sendViewList } from './viewList.js';
import { servedJson, viewResource } from './viewResource.js';
import { isPlaced } from './writeRules.js';

export interface ReadContext {
  store: Store;
  workspaces: WorkspaceResolver;
  watches: WatchRegistry;
  index: PlacedNamespaces;
  key: string;
  /** One workspace; undefined for every workspace. */
  cluster?: string;
  user: UserInfo;
  req: FastifyRequest;
  reply: FastifyReply;
  query: URLSearchParams;
  /** Called when the watch response starts; returns what to call when it ends. */
  streaming: () => () => void;
}

export async function serveViewRead(ctx: ReadContext, rr: ResourceRequest): Promise<unknown> {
  const q = ctx.query;
  const r = viewResource(ctx.workspaces, ctx.cluster ? [ctx.cluster] : ctx.index.placements(ctx.key).keys(), rr);
  const format = objectFormat(ctx.req.headers.accept);
  if (!format || format.as !== 'object' || format.encoding !== 'json') throw errors.notAcceptable(['application/json']);
  const filter: ObjectFilter = objectFilter(r, q.get('labelSelector'), q.get('fieldSelector'));
  let namespace = rr.namespace;
  if (filter.namespace !== undefined && r.namespaced) {
    if (namespace && filter.namespace !== namespace) filter.none = true;
    namespace = filter.namespace;
  }
  const placed = { store: ctx.store, index: ctx.index, key: ctx.key, r, cluster: ctx.cluster, namespace, matches: filter.matches, name: rr.name || filter.name };

  if (rr.verb === 'list') {
    const resourceVersion = q.get('resourceVersion') ?? undefined;
    const resourceVersionMatch = q.get('resourceVersionMatch') ?? undefined;
    validateListOptions({ resourceVersion, resourceVersionMatch, continue: q.get('continue') ?? undefined, sendInitialEvents: q.has('sendInitialEvents') ? boolParam(q, 'sendInitialEvents') : undefined });
    if (q.get('continue')) throw errors.badRequest('the syncer view does not page lists: list without limit and continue');
    checkReadRV(ctx.store, resourceVersion, resourceVersionMatch);
    // limit is ignored: the whole list comes in one page, without a continue token.
    const res = filter.none ? { items: [], rv: ctx.store.currentRevision() } : await listPlaced(placed);
    return sendViewList(ctx.reply, r, res.items, res.rv);
  }

  const scope: Scope = {
    cluster: ctx.cluster ?? ALL_CLUSTERS,
    catalogue: ctx.cluster ? ctx.workspaces.catalogue(ctx.cluster) : builtinCatalogue(),
    r,
    namespace,
    user: ctx.user,
  };
  const own = filter.matches;
  const matches = (o: JsonObject): boolean => isPlaced(o, ctx.key) && (!own || own(o));
  await serveWatch(
    ctx.store,
    ctx.watches,
    ctx.streaming,
    scope,
    {
      resourceVersion: q.get('resourceVersion') ?? undefined,
      resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
      sendInitialEvents: q.has('sendInitialEvents') ? boolParam(q, 'sendInitialEvents') : undefined,
      allowWatchBookmarks: boolParam(q, 'allowWatchBookmarks'),
      timeoutSeconds: intParam(q, 'timeoutSeconds'),
      filter: { ...filter, matches: filter.none ? () => false : matches },
      format: { as: 'object', encoding: 'json' },
      includeObject: 'Object',
      name: placed.name || undefined,
      allWorkspaces: ctx.cluster === undefined,
    },
    () => {
      ctx.reply.hijack();
      return httpSink(ctx.reply);
    },
    async () => {
      const res = filter.none ? { items: [], rv: ctx.store.currentRevision() } : await listPlaced(placed);
      return { items: res.items.map((i) => ({ object: i.object, json: servedJson(r, i) })), rv: res.rv };
    },
  );
  return undefined;
}
