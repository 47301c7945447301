// REST verbs on catalogue resources, generic over the catalogue: decode the request, call the
// registry, encode the answer (JSON, YAML or Table).

import type { FastifyReply, FastifyRequest } from 'fastify';
import { Catalogue, ServedResource } from '../../apis/catalogue.js';
import { errors } from '../../apis/errors.js';
import { KObject } from '../../apis/resources/model.js';
import { create } from '../../apis/registry/create.js';
import { DeleteOptions, remove } from '../../apis/registry/delete.js';
import { PatchKind, patch } from '../../apis/registry/patch.js';
import { checkReadRV, getServed, list, validateListOptions } from '../../apis/registry/read.js';
import { Scope, WriteOptions, decodeBody as decodeObject, fromStorage, objectKey, servedAsStored } from '../../apis/registry/scope.js';
import { objectFilter } from '../../apis/registry/selectors.js';
import { update } from '../../apis/registry/update.js';
import { getScale, patchScale, updateScale } from '../../apis/registry/scale.js';
import { toTable } from '../../apis/tables.js';
import { Store } from '../../storage/store.js';
import { UserInfo } from '../auth/user.js';
import { bodyEncoding, decodeBody, parseJson, parseYaml } from '../http/body.js';
import { duplicateKeys } from '../http/jsonDuplicates.js';
import { apply, validatePatchOptions } from '../../apis/registry/apply.js';
import { ObjectFormat, PATCH_CONTENT_TYPES, objectFormat, parseMediaType } from '../http/negotiation.js';
import { boolParam, dryRunOf, includeObjectOf, intParam, writeOptionsOf } from '../http/query.js';
import { spliceJsonList } from '../http/jsonList.js';
import { sendJsonListStreamed } from './listStream.js';
import { addWarnings, sendJsonText, sendObject, sendStatus } from '../http/respond.js';
import { ResourceRequest } from '../http/requestInfo.js';
import { WatchRegistry, WatchSink, httpSink, serveWatch } from './watch.js';
import { Authorizer } from '../authz/authorizer.js';
import { reviewFor } from '../authz/reviews.js';
import { AdmissionContext, admitCreate, hasCreateAdmission, hasWriteValidation, validateWrite } from '../admission/index.js';
import { WriteResult } from '../../apis/registry/create.js';
import { requestToken } from '../auth/tokenRequest.js';
import { Authentication } from '../auth/setup.js';
import { WorkspaceResolver } from '../workspaces.js';
import { Authenticator } from '../auth/authenticate.js';

export interface ResourceContext {
  store: Store;
  catalogue: Catalogue;
  cluster: string;
  user: UserInfo;
  req: FastifyRequest;
  reply: FastifyReply;
  query: URLSearchParams;
  watches: WatchRegistry;
  authorizer: Authorizer;
  authenticator: Authenticator;
  workspaces: WorkspaceResolver;
  authentication: Authentication;
  /** Called when a long-running response (a watch) starts; returns what to call when it ends. */
  streaming: () => () => void;
}

const SUBRESOURCE_VERBS = ['get', 'update', 'patch'];

/** Subresources that are actions rather than views of the object (TokenRequest). */
const SUBRESOURCE_ACTIONS: Record<string, (ctx: ResourceContext, s: Scope, rr: ResourceRequest) => Promise<unknown>> = {
  '/serviceaccounts/token/create': async (ctx, s, rr) => {
    const body = decodeBody(ctx.req.body as Buffer | undefined, ctx.req.headers['content-type'], ctx.catalogue);
    const token = await requestToken(ctx.store, ctx.authentication, s, rr.name, body, await ctx.workspaces.pathOf(ctx.cluster));
    return sendObject(ctx.reply, 201, token);
  },
};

/** The verbs a (sub)resource path accepts, or undefined when the subresource does not exist. */
function subresourceVerbs(r: ServedResource, sub: string): readonly string[] | undefined {
  if (sub === '') return r.verbs;
  if ((sub === 'status' && r.status) || (sub === 'scale' && r.scale)) return SUBRESOURCE_VERBS;
  return r.subresources?.find((x) => x.name === sub)?.verbs;
}

async function serveScale(ctx: ResourceContext, s: Scope, rr: ResourceRequest): Promise<unknown> {
  const format = writeFormat(ctx);
  const opts = (): ReturnType<typeof writeOptionsOf> => writeOptionsOf(ctx.query, ctx.req.headers['user-agent']);
  if (rr.verb === 'get') return sendObject(ctx.reply, 200, await getScale(ctx.store, s, rr.name), format.as === 'object' ? format.encoding : 'json');
  const res =
    rr.verb === 'update'
      ? await updateScale(ctx.store, s, rr.name, decodeBody(ctx.req.body as Buffer | undefined, ctx.req.headers['content-type'], ctx.catalogue), opts())
      : await (async () => {
          const { kind, body } = patchBody(ctx, s.r);
          if (kind === 'apply') throw errors.methodNotSupported(s.r.gr, 'apply on scale');
          return patchScale(ctx.store, s, rr.name, kind, body, opts());
        })();
  addWarnings(ctx.reply, res.warnings);
  return sendObject(ctx.reply, res.code, res.object, format.as === 'object' ? format.encoding : 'json');
}

function formatOf(ctx: ResourceContext): ObjectFormat {
  const f = objectFormat(ctx.req.headers.accept);
  if (!f) throw errors.notAcceptable(['application/json', 'application/yaml', 'application/json;as=Table;v=v1;g=meta.k8s.io']);
  return f;
}

/** A write's answer: its stored JSON as-is when the client asked for JSON. */
function sendWritten(ctx: ResourceContext, r: ServedResource, res: WriteResult, format: ObjectFormat): FastifyReply {
  addWarnings(ctx.reply, res.warnings);
  if (res.json !== undefined && format.as === 'object' && format.encoding === 'json') return sendJsonText(ctx.reply, res.code, res.json);
  return sendOne(ctx, r, res.code, res.object, format);
}

function sendOne(ctx: ResourceContext, r: ServedResource, code: number, obj: KObject, format: ObjectFormat): FastifyReply {
  if (format.as === 'table') {
    const table = toTable(r, [obj], { resourceVersion: obj.metadata?.resourceVersion ?? '' }, { version: format.version, includeObject: includeObjectOf(ctx.query) });
    return sendJsonText(ctx.reply, code, JSON.stringify(table), `application/json;as=Table;v=${format.version};g=meta.k8s.io`);
  }
  if (format.as === 'partial') {
    return sendJsonText(ctx.reply, code, JSON.stringify({ kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${format.version}`, metadata: obj.metadata ?? {} }));
  }
  return sendObject(ctx.reply, code, obj, format.encoding);
}

/** The object format of a write's response: tables are for reads only. */
function writeFormat(ctx: ResourceContext): ObjectFormat {
  const f = formatOf(ctx);
  return f.as === 'object' ? f : { as: 'object', encoding: 'json' };
}

async function handleList(ctx: ResourceContext, s: Scope, format: ObjectFormat): Promise<unknown> {
  const q = ctx.query;
  const filter = objectFilter(s.r, q.get('labelSelector'), q.get('fieldSelector'));
  validateListOptions({
    resourceVersion: q.get('resourceVersion') ?? undefined,
    resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
    continue: q.get('continue') ?? undefined,
    sendInitialEvents: q.has('sendInitialEvents') ? boolParam(q, 'sendInitialEvents') : undefined,
  });
  if (filter.namespace !== undefined && s.r.namespaced && s.namespace && filter.namespace !== s.namespace) filter.none = true;
  const scope = filter.namespace !== undefined && s.r.namespaced && !s.namespace ? { ...s, namespace: filter.namespace } : s;
  const limit = intParam(q, 'limit');
  if (format.as === 'object' && format.encoding === 'json' && !filter.none && !filter.matches && !filter.name && !limit && !q.get('continue') && servedAsStored(s.r)) {
    // Everything, as stored: streamed a page at a time (see listStream.ts).
    checkReadRV(ctx.store, q.get('resourceVersion') ?? undefined, q.get('resourceVersionMatch') ?? undefined);
    return sendJsonListStreamed(ctx.store, scope, ctx.reply);
  }
  const page = filter.none
    ? { items: [], resourceVersion: String(ctx.store.currentRevision()), continue: undefined }
    : await list(ctx.store, scope, {
        filter: filter.matches,
        name: filter.name,
        limit,
        continue: q.get('continue') ?? undefined,
        resourceVersion: q.get('resourceVersion') ?? undefined,
        resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
      });
  const listMeta: KObject = { resourceVersion: page.resourceVersion };
  if (page.continue) listMeta.continue = page.continue;
  if (format.as === 'table') {
    const table = toTable(s.r, page.items.map((i) => i.object), listMeta, { version: format.version, includeObject: includeObjectOf(q) });
    return sendJsonText(ctx.reply, 200, JSON.stringify(table), `application/json;as=Table;v=${format.version};g=meta.k8s.io`);
  }
  if (format.as === 'partial') {
    const items = page.items.map((i) => ({ kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${format.version}`, metadata: i.object.metadata ?? {} }));
    return sendObject(ctx.reply, 200, { kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${format.version}`, metadata: listMeta, items });
  }
  if (format.encoding === 'json') {
    // Stored JSON is spliced in as-is: no parse, no re-serialisation.
    const head = `{"kind":${JSON.stringify(s.r.listKind)},"apiVersion":${JSON.stringify(s.r.apiVersion)},"metadata":${JSON.stringify(listMeta)},"items":[`;
    return sendJsonText(ctx.reply, 200, spliceJsonList(head, page.items.map((i) => i.json ?? JSON.stringify(i.object)), ']}'));
  }
  return sendObject(ctx.reply, 200, { kind: s.r.listKind, apiVersion: s.r.apiVersion, metadata: listMeta, items: page.items.map((i) => i.object) }, 'yaml');
}

export type WatchContext = Pick<ResourceContext, 'store' | 'watches' | 'streaming' | 'query'>;

/** Serves a watch into the sink `takeSink` gives (a hijacked HTTP response or a WebSocket). */
export async function handleWatch(ctx: WatchContext, s: Scope, rr: ResourceRequest, format: ObjectFormat, takeSink: () => WatchSink): Promise<void> {
  const q = ctx.query;
  const filter = objectFilter(s.r, q.get('labelSelector'), q.get('fieldSelector'));
  const name = rr.name || filter.name;
  await serveWatch(
    ctx.store,
    ctx.watches,
    ctx.streaming,
    s,
    {
      resourceVersion: q.get('resourceVersion') ?? undefined,
      resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
      sendInitialEvents: q.has('sendInitialEvents') ? boolParam(q, 'sendInitialEvents') : undefined,
      allowWatchBookmarks: boolParam(q, 'allowWatchBookmarks'),
      timeoutSeconds: intParam(q, 'timeoutSeconds'),
      filter,
      format,
      includeObject: includeObjectOf(q),
      name: name || undefined,
    },
    takeSink,
    async () => {
      const page = await list(ctx.store, s, { filter: filter.matches, name: name || undefined });
      return { items: page.items, rv: Number(page.resourceVersion) };
    },
  );
}

function deleteOptionsOf(ctx: ResourceContext): DeleteOptions {
  const q = ctx.query;
  let body: KObject = {};
  const raw = ctx.req.body as Buffer | undefined;
  if (raw && raw.length) {
    const decoded = decodeBody(raw, ctx.req.headers['content-type'], ctx.catalogue);
    if (typeof decoded === 'object' && decoded !== null) body = decoded as KObject;
  }
  const policy = q.get('propagationPolicy') ?? body.propagationPolicy;
  if (policy !== undefined && policy !== null && !['Orphan', 'Background', 'Foreground'].includes(policy)) {
    throw errors.invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', [
      { type: 'NotSupported', field: 'propagationPolicy', value: policy, supported: ['Foreground', 'Background', 'Orphan', 'nil'] },
    ]);
  }
  const dryRun = dryRunOf([...q.getAll('dryRun'), ...((body.dryRun as string[] | undefined) ?? [])]);
  return {
    propagationPolicy: policy ?? undefined,
    preconditions: body.preconditions ?? undefined,
    gracePeriodSeconds: intParam(q, 'gracePeriodSeconds') ?? body.gracePeriodSeconds,
    dryRun,
  };
}

function patchBody(ctx: ResourceContext, r: ServedResource): { kind: PatchKind | 'apply'; body: unknown } {
  const ct = parseMediaType(ctx.req.headers['content-type'] ?? '').type;
  const kind = PATCH_CONTENT_TYPES[ct];
  const accepted = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];
  if (!ctx.catalogue.isCustom(r)) accepted.push('application/strategic-merge-patch+json');
  if (!kind || ct === 'application/apply-patch+cbor') throw errors.unsupportedMediaType(accepted);
  const raw = ctx.req.body as Buffer | undefined;
  if (!raw || raw.length === 0) throw errors.badRequest('the body of the request is empty');
  // Apply bodies are YAML (kubectl sends JSON, which is YAML too).
  return { kind, body: kind === 'apply' ? parseYaml(raw) : parseJson(raw) };
}

/** The create-only review resources (auth can-i, whoami, token reviews). */
async function serveReview(ctx: ResourceContext, s: Scope, rr: ResourceRequest): Promise<unknown> {
  const review = reviewFor(s.r.group, s.r.kind);
  if (rr.verb !== 'create' || rr.subresource || !review) throw errors.methodNotSupported(s.r.gr, rr.verb);
  const body = decodeBody(ctx.req.body as Buffer | undefined, ctx.req.headers['content-type'], ctx.catalogue);
  const { obj, warnings } = decodeObject(s, body, writeOptionsOf(ctx.query, ctx.req.headers['user-agent']).fieldValidation);
  obj.metadata = { ...(obj.metadata ?? {}), creationTimestamp: null };
  const result = await review({ cluster: ctx.cluster, user: ctx.user, namespace: s.namespace, authorizer: ctx.authorizer, authenticator: ctx.authenticator }, obj);
  addWarnings(ctx.reply, warnings);
  return sendObject(ctx.reply, 201, result, writeFormat(ctx).as === 'object' ? (writeFormat(ctx) as { encoding: 'json' | 'yaml' }).encoding : 'json');
}

function admissionContext(ctx: ResourceContext): AdmissionContext {
  return { store: ctx.store, workspaces: ctx.workspaces, authorizer: ctx.authorizer, cluster: ctx.cluster, user: ctx.user };
}

/**
 * Runs a write; for resources whose admission needs the final object (RBAC escalation checks), a
 * dry run computes it first and the validation runs before the real write.
 */
async function guarded(ctx: ResourceContext, s: Scope, name: string, opts: WriteOptions, run: (o: WriteOptions) => Promise<WriteResult>): Promise<WriteResult> {
  if (!hasWriteValidation(s.r)) return run(opts);
  const dry = await run({ ...opts, dryRun: true });
  const key = objectKey(s, name || dry.object.metadata?.name);
  const old = await ctx.store.get(key);
  await validateWrite(admissionContext(ctx), s.r, dry.object, old ? fromStorage(s.r, old.object) : undefined);
  return opts.dryRun ? dry : run(opts);
}

/** Write options of a create or update, with the JSON body's duplicate keys when they matter. */
function objectWriteOptions(ctx: ResourceContext): WriteOptions {
  const opts = writeOptionsOf(ctx.query, ctx.req.headers['user-agent']);
  const raw = ctx.req.body as Buffer | undefined;
  if (opts.fieldValidation !== 'Ignore' && raw && bodyEncoding(ctx.req.headers['content-type']) === 'json') opts.duplicateFields = duplicateKeys(raw.toString('utf8'));
  return opts;
}

/** Serves one resource request. */
export async function serveResource(ctx: ResourceContext, rr: ResourceRequest): Promise<unknown> {
  const r = ctx.catalogue.resource(rr.group, rr.version, rr.resource);
  if (!r) throw errors.pathNotFound();
  if (rr.namespace && !r.namespaced) throw errors.pathNotFound();
  const s: Scope = { cluster: ctx.cluster, catalogue: ctx.catalogue, r, namespace: rr.namespace, user: ctx.user };
  const sub = rr.subresource;
  const verbs = subresourceVerbs(r, sub);
  if (!verbs) throw errors.pathNotFound();
  if (r.namespaced && rr.name && !rr.namespace) throw errors.pathNotFound();
  if (r.virtual) return serveReview(ctx, s, rr);
  if (r.custom) {
    if (r.custom.deprecationWarning) addWarnings(ctx.reply, [r.custom.deprecationWarning]);
    // Custom resources have no protobuf form.
    const ct = ctx.req.headers['content-type'];
    if (ct && ['create', 'update'].includes(rr.verb) && bodyEncoding(ct) === 'protobuf') throw errors.unsupportedMediaType(['application/json', 'application/yaml']);
  }
  if (!verbs.includes(rr.verb)) throw errors.methodNotSupported(r.gr, rr.verb);
  if (sub === 'scale') return serveScale(ctx, s, rr);
  const action = SUBRESOURCE_ACTIONS[`${r.group}/${r.plural}/${sub}/${rr.verb}`];
  if (action) return action(ctx, s, rr);
  if (sub !== '' && sub !== 'status' && rr.verb !== 'update') throw errors.methodNotSupported(r.gr, `${rr.verb} on ${sub}`);

  switch (rr.verb) {
    case 'get': {
      const format = formatOf(ctx);
      const found = await getServed(ctx.store, s, rr.name);
      if (found.json !== undefined && format.as === 'object' && format.encoding === 'json') return sendJsonText(ctx.reply, 200, found.json);
      return sendOne(ctx, r, 200, found.object, format);
    }
    case 'list':
      return handleList(ctx, s, formatOf(ctx));
    case 'watch':
      return handleWatch(ctx, s, rr, formatOf(ctx), () => {
        ctx.reply.hijack();
        return httpSink(ctx.reply);
      });
    case 'create': {
      const format = writeFormat(ctx);
      const body = decodeBody(ctx.req.body as Buffer | undefined, ctx.req.headers['content-type'], ctx.catalogue);
      await admitCreate(admissionContext(ctx), r, body);
      const opts = objectWriteOptions(ctx);
      const res = await guarded(ctx, s, '', opts, (o) => create(ctx.store, s, body, o));
      return sendWritten(ctx, r, res, format);
    }
    case 'update': {
      const format = writeFormat(ctx);
      const body = decodeBody(ctx.req.body as Buffer | undefined, ctx.req.headers['content-type'], ctx.catalogue);
      const opts = objectWriteOptions(ctx);
      const res = await guarded(ctx, s, rr.name, opts, (o) => update(ctx.store, s, rr.name, body, o, sub));
      return sendWritten(ctx, r, res, format);
    }
    case 'patch': {
      const format = writeFormat(ctx);
      const { kind, body } = patchBody(ctx, r);
      const force = boolParam(ctx.query, 'force');
      // Apply needs an explicit fieldManager: no User-Agent default.
      const opts = { ...writeOptionsOf(ctx.query, ctx.req.headers['user-agent']), ...(kind === 'apply' ? { fieldManager: ctx.query.get('fieldManager') ?? undefined } : {}) };
      validatePatchOptions(kind === 'apply', opts.fieldManager, force);
      if (kind === 'apply' && sub) throw errors.methodNotSupported(r.gr, `apply on ${sub}`);
      if (kind === 'apply' && hasCreateAdmission(r) && !(await ctx.store.get(objectKey(s, rr.name)))) {
        // Create on apply is a create: it gets the same admission.
        await admitCreate(admissionContext(ctx), r, body);
      }
      const res = await guarded(ctx, s, rr.name, opts, (o) => (kind === 'apply' ? apply(ctx.store, s, rr.name, body, { ...o, force }) : patch(ctx.store, s, rr.name, kind, body, o, sub)));
      return sendWritten(ctx, r, res, format);
    }
    case 'delete': {
      const res = await remove(ctx.store, s, rr.name, deleteOptionsOf(ctx));
      if (res.kind === 'deleted') return sendStatus(ctx.reply, res.status);
      return sendOne(ctx, r, 200, res.object, writeFormat(ctx));
    }
    case 'deletecollection': {
      const opts = deleteOptionsOf(ctx);
      const filter = objectFilter(r, ctx.query.get('labelSelector'), ctx.query.get('fieldSelector'));
      const page = filter.none ? { items: [] } : await list(ctx.store, s, { filter: filter.matches, name: filter.name });
      const deleted: KObject[] = [];
      for (const item of page.items) {
        const name = item.object.metadata.name;
        const itemScope = r.namespaced ? { ...s, namespace: item.object.metadata.namespace } : s;
        try {
          const res = await remove(ctx.store, itemScope, name, opts);
          deleted.push(res.object);
        } catch (e) {
          if ((e as { reason?: string }).reason !== 'NotFound') throw e;
        }
      }
      return sendObject(ctx.reply, 200, { kind: r.listKind, apiVersion: r.apiVersion, metadata: { resourceVersion: String(ctx.store.currentRevision()) }, items: deleted });
    }
    default:
      throw errors.methodNotSupported(r.gr, rr.verb);
  }
}

