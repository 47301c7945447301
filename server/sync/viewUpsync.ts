// Upsynced objects through the syncer view (ReplicaSets, see upsyncRules.ts): GET, create,
// update/patch of the object and its status, delete. The writes run through the generic registry
// paths with the workspace's catalogue, as the real caller, without RBAC in the tenant workspace:
// the guarded store bounds them instead.

import { errors } from '../../apis/errors.js';
import { WriteResult, create } from '../../apis/registry/create.js';
import { remove } from '../../apis/registry/delete.js';
import { patch } from '../../apis/registry/patch.js';
import { Scope, objectKey } from '../../apis/registry/scope.js';
import { update } from '../../apis/registry/update.js';
import { decodeBody, parseJson } from '../http/body.js';
import { PATCH_CONTENT_TYPES, parseMediaType } from '../http/negotiation.js';
import { writeOptionsOf } from '../http/query.js';
import { ResourceRequest } from '../http/requestInfo.js';
import { addWarnings, sendJsonText, sendStatus } from '../http/respond.js';
import { isUpsynced, upsyncGuardedStore } from './upsyncRules.js';
import type { ObjectContext } from './viewObject.js';
import { servedJson } from './viewResource.js';

export async function serveUpsyncObject(ctx: ObjectContext, rr: ResourceRequest, s: Scope): Promise<unknown> {
  const r = s.r;
  const sub = rr.subresource;
  const name = rr.name;
  const store = upsyncGuardedStore(ctx.store, ctx.key, r.gr, ctx.cluster);
  const opts = writeOptionsOf(ctx.query, ctx.req.headers['user-agent']);
  const raw = ctx.req.body as Buffer | undefined;
  let res: WriteResult;
  switch (rr.verb) {
    case 'get': {
      const o = await ctx.store.get(objectKey(s, name));
      if (!o || !isUpsynced(o.object, ctx.key)) throw errors.notFound(r.gr, name);
      return sendJsonText(ctx.reply, 200, servedJson(r, o));
    }
    case 'create':
      if (sub) throw errors.methodNotSupported(r.gr, `create on ${sub}`);
      res = await create(store, s, decodeBody(raw, ctx.req.headers['content-type'], ctx.catalogue), opts);
      break;
    case 'update':
      res = await update(store, s, name, decodeBody(raw, ctx.req.headers['content-type'], ctx.catalogue), opts, sub);
      break;
    case 'patch': {
      const kind = PATCH_CONTENT_TYPES[parseMediaType(ctx.req.headers['content-type'] ?? '').type];
      if (!kind || kind === 'apply') throw errors.unsupportedMediaType(['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']);
      if (!raw || raw.length === 0) throw errors.badRequest('the body of the request is empty');
      res = await patch(store, s, name, kind, parseJson(raw), opts, sub);
      break;
    }
    case 'delete': {
      if (sub) throw errors.methodNotSupported(r.gr, `delete on ${sub}`);
      const del = await remove(store, s, name, { propagationPolicy: 'Background', dryRun: false });
      return del.kind === 'deleted' ? sendStatus(ctx.reply, del.status) : sendJsonText(ctx.reply, 200, JSON.stringify(del.object));
    }
    default:
      throw errors.methodNotSupported(r.gr, rr.verb);
  }
  addWarnings(ctx.reply, res.warnings);
  return sendJsonText(ctx.reply, res.code, res.json ?? JSON.stringify(res.object));
}
