// One object through the syncer view: GET of the object or its status, and the writes a syncer
// may make (status PUT/PATCH; on the object itself only its finalizer and condition annotation,
// see writeRules.ts). Upsynced resources (ReplicaSets) go to viewUpsync.ts; no other create or
// delete is allowed. The writes run through the generic registry paths with the workspace's own
// catalogue, as the real caller (managedFields, audit), without RBAC in the tenant workspace.

import { errors } from '../../apis/errors.js';
import { patch } from '../../apis/registry/patch.js';
import { Scope, objectKey } from '../../apis/registry/scope.js';
import { update } from '../../apis/registry/update.js';
import { WriteResult } from '../../apis/registry/create.js';
import { decodeBody, parseJson } from '../http/body.js';
import { PATCH_CONTENT_TYPES, parseMediaType } from '../http/negotiation.js';
import { writeOptionsOf } from '../http/query.js';
import { ResourceRequest } from '../http/requestInfo.js';
import { addWarnings, sendJsonText } from '../http/respond.js';
import type { ResourceContext } from '../handlers/resource.js';
import { servedJson } from './viewResource.js';
import { isSyncerVisible, syncerGuardedStore } from './writeRules.js';
import { serveUpsyncObject } from './viewUpsync.js';
import { UPSYNCED_RESOURCES } from '../../apis/sync/contract.js';

/** What a resource request has (`cluster`: the workspace the object lives in), and the target's key. */
export type ObjectContext = Pick<ResourceContext, 'store' | 'catalogue' | 'cluster' | 'user' | 'req' | 'reply' | 'query'> & { key: string };

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

export async function serveViewObject(ctx: ObjectContext, rr: ResourceRequest): Promise<unknown> {
  const r = ctx.catalogue.resource(rr.group, rr.version, rr.resource);
  if (!r || r.virtual || (rr.namespace && !r.namespaced) || (r.namespaced && !rr.namespace)) throw errors.pathNotFound();
  const sub = rr.subresource;
  if (sub !== '' && !(sub === 'status' && r.status)) throw errors.pathNotFound();
  const s: Scope = { cluster: ctx.cluster, catalogue: ctx.catalogue, r, namespace: rr.namespace, user: ctx.user };
  const name = rr.name;
  if (UPSYNCED_RESOURCES.has(r.storageKey)) return serveUpsyncObject(ctx, rr, s);
  switch (rr.verb) {
    case 'get': {
      const o = await ctx.store.get(objectKey(s, name));
      if (!o || !isSyncerVisible(o.object, ctx.key)) throw errors.notFound(r.gr, name);
      return sendJsonText(ctx.reply, 200, servedJson(r, o));
    }
    case 'update':
    case 'patch': {
      const store = syncerGuardedStore(ctx.store, ctx.key, r.gr, sub === 'status' ? 'status' : 'object');
      const opts = writeOptionsOf(ctx.query, ctx.req.headers['user-agent']);
      const raw = ctx.req.body as Buffer | undefined;
      let res: WriteResult;
      if (rr.verb === 'update') {
        res = await update(store, s, name, decodeBody(raw, ctx.req.headers['content-type'], ctx.catalogue), opts, sub);
      } else {
        const kind = PATCH_CONTENT_TYPES[parseMediaType(ctx.req.headers['content-type'] ?? '').type];
        // Server-side apply would need create-on-apply and field ownership the view does not grant.
        if (!kind || kind === 'apply') throw errors.unsupportedMediaType(ctx.catalogue.isCustom(r) ? PATCH_TYPES.slice(0, 2) : PATCH_TYPES);
        if (!raw || raw.length === 0) throw errors.badRequest('the body of the request is empty');
        res = await patch(store, s, name, kind, parseJson(raw), opts, sub);
      }
      addWarnings(ctx.reply, res.warnings);
      return sendJsonText(ctx.reply, res.code, res.json ?? JSON.stringify(res.object));
    }
    case 'create':
    case 'delete':
      // Objects are the tenant's to make and remove; a syncer only upsyncs (viewUpsync.ts).
      throw errors.forbidden(r.gr, name, `a syncer may not ${rr.verb} ${r.gr.resource}${r.gr.group ? '.' + r.gr.group : ''} in a workspace: only ${[...UPSYNCED_RESOURCES].join(', ')} are upsynced`);
    default:
      throw errors.methodNotSupported(r.gr, rr.verb);
  }
}
