// The syncer view (issue 6): what one SyncTarget's agent reads and writes of the workspaces,
//   /services/syncer/<compute workspace path or id>/<target name>/clusters/<*|cluster id>/<api path>
// list and watch of every placed object of a resource across workspaces (clusters/*) or in one;
// GET of one object and its status, status writes, and the release of the target's finalizer.
//
// Authority: verb `sync` on synctargets/<target> in the compute workspace, checked by the usual
// authorizer; nothing is checked against RBAC in the tenant workspaces (the view bounds what the
// caller may do there). An unknown workspace or target is a 404 for administrators and the same
// 403 as a refusal for everyone else, so names cannot be probed.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errors } from '../../apis/errors.js';
import { SYNC_GROUP, SYNC_VERB, targetKey } from '../../apis/sync/contract.js';
import type { AppDeps } from '../app.js';
import { UserInfo } from '../auth/user.js';
import { Attributes } from '../authz/authorizer.js';
import { forbidden } from '../authz/forbidden.js';
import { RequestFacts, metricVerb } from '../observability/requestFacts.js';
import { placedNamespaces } from './placedNamespaces.js';
import { ALL_CLUSTERS, ViewRequest, parseViewPath } from './viewPath.js';
import { serveViewObject } from './viewObject.js';
import { serveViewRead } from './viewRead.js';

const SYNC_TARGETS = { group: SYNC_GROUP, resource: 'synctargets' };

/** Metrics and the audit log record the inner request, as the caller made it. */
function describe(facts: RequestFacts, v: ViewRequest, contentType: string | undefined): void {
  const rr = v.request;
  facts.verb = metricVerb(rr.verb, contentType);
  facts.group = rr.group;
  facts.version = rr.version;
  facts.resource = rr.resource;
  facts.subresource = rr.subresource;
  facts.scope = rr.name ? 'resource' : rr.namespace ? 'namespace' : 'cluster';
  facts.namespace = rr.namespace;
  facts.name = rr.name;
  facts.longRunning = rr.verb === 'watch';
}

/** Checks `sync` on the target; returns the compute workspace's id and the target's key. */
async function authorizeTarget(deps: AppDeps, user: UserInfo, v: ViewRequest): Promise<{ compute: string; key: string }> {
  const compute = await deps.workspaces.resolve(v.workspace);
  const attrs: Attributes = { cluster: compute ?? '', verb: SYNC_VERB, group: SYNC_GROUP, resource: SYNC_TARGETS.resource, name: v.target };
  const admin = user.groups.includes('system:masters');
  const unknown = (notFound: ApiError): ApiError => (admin ? notFound : forbidden(user, attrs, 'access denied'));
  if (!compute) throw unknown(errors.pathNotFound());
  const decision = await deps.authorizer.authorize(user, attrs);
  if (!decision.allowed) throw forbidden(user, attrs, decision.reason);
  const target = await deps.store.get({ cluster: compute, resource: `${SYNC_GROUP}/synctargets`, namespace: '', name: v.target });
  if (!target) throw unknown(errors.notFound(SYNC_TARGETS, v.target));
  return { compute, key: targetKey(compute, v.target) };
}

export async function serveSyncerView(deps: AppDeps, req: FastifyRequest, reply: FastifyReply, rawPath: string, query: URLSearchParams, user: UserInfo, facts: RequestFacts): Promise<unknown> {
  const v = parseViewPath(req.method, rawPath, query.get('watch') === 'true' || query.get('watch') === '1');
  if (!v) throw errors.pathNotFound();
  describe(facts, v, req.headers['content-type']);
  const { compute, key } = await authorizeTarget(deps, user, v);
  facts.cluster = compute;
  const rr = v.request;
  const cluster = v.cluster === ALL_CLUSTERS ? undefined : await deps.workspaces.resolve(v.cluster);
  if (v.cluster !== ALL_CLUSTERS && !cluster) throw errors.pathNotFound();

  if (rr.verb === 'list' || rr.verb === 'watch') {
    const streaming = (): (() => void) => {
      // Watches bypass onResponse: record them when they start, count them while open (as app.ts).
      deps.audit.record(facts, { requestURI: req.url, sourceIP: req.socket?.remoteAddress ?? '', userAgent: req.headers['user-agent'], code: 200, stage: 'ResponseStarted' });
      deps.metrics.observe(facts, 200, 0);
      return deps.metrics.startLongRunning(facts);
    };
    const index = await placedNamespaces(deps.store);
    return serveViewRead({ store: deps.store, workspaces: deps.workspaces, watches: deps.watches, index, key, cluster, user, req, reply, query, streaming }, rr);
  }
  if (!cluster) throw errors.methodNotSupported({ group: rr.group, resource: rr.resource }, `${rr.verb} across workspaces`);
  facts.cluster = cluster;
  return serveViewObject({ store: deps.store, catalogue: deps.workspaces.catalogue(cluster), cluster, user, req, reply, query, key }, rr);
}
