// The HTTP front: one fastify app serving HTTPS with HTTP/2 (and HTTP/1.1), every workspace under
// /clusters/<path>, routed by our own request-info parser so handlers stay generic.

import Fastify, { FastifyInstance, FastifyReply, FastifyRequest, LogController } from 'fastify';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { Catalogue } from '../apis/catalogue.js';
import { discoveryDocs } from '../apis/discovery.js';
import { ApiError, errors } from '../apis/errors.js';
import { OPENAPI_V2_MEDIA_TYPES, OpenAPIv2Format, openapiV2, openapiV2Format } from '../apis/openapi/v2.js';
import { openapiV3 } from '../apis/openapi/v3.js';
import { KUBERNETES_VERSION } from '../apis/version.js';
import { Store } from '../storage/store.js';
import { Authenticator, bearerToken } from './auth/authenticate.js';
import { UserInfo } from './auth/user.js';
import { HealthEndpoint } from './handlers/health.js';
import { serveResource } from './handlers/resource.js';
import { WatchRegistry } from './handlers/watch.js';
import { discoveryFormat } from './http/negotiation.js';
import { parsePath, NonResourceRequest, ResourceRequest } from './http/requestInfo.js';
import { parseFieldSelector } from '../apis/machinery/fields.js';
import { pathSegmentNameErrors } from '../apis/registry/scope.js';
import { sendError, sendJsonText, sendObject, setCommonHeaders } from './http/respond.js';
import { WorkspaceResolver } from './workspaces.js';
import { chooseProtocol, protocolToken, webSocketSink } from './http/websocket.js';
import { homeWorkspace, isHomeRequest } from './tenancy/home.js';
import { Authentication } from './auth/setup.js';
import { impersonate } from './auth/impersonation.js';
import { DISCOVERY_CACHE_CONTROL, JWKS_CONTENT_TYPE, JWKS_PATH, OPENID_CONFIGURATION_PATH, jwksDocument, openIDConfiguration } from './auth/serviceAccountDiscovery.js';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { handleWatch } from './handlers/resource.js';
import { objectFormat } from './http/negotiation.js';
import { Attributes, Authorizer } from './authz/authorizer.js';
import { forbidden } from './authz/forbidden.js';
import { AuditSink } from './observability/audit.js';
import { Metrics } from './observability/metrics.js';
import { RequestFacts, getFacts, metricVerb, setFacts } from './observability/requestFacts.js';
import { SYNCER_VIEW_PREFIX } from '../apis/sync/contract.js';
import { serveSyncerView } from './sync/view.js';

/** kube-apiserver's request body limit. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** kube-apiserver's MaxHeaderBytes. */
export const MAX_HEADER_BYTES = 1024 * 1024;

export interface AppDeps {
  store: Store;
  authenticator: Authenticator;
  workspaces: WorkspaceResolver;
  logger: Logger;
  tls: { key: string; cert: string };
  health: { healthz: HealthEndpoint; livez: HealthEndpoint; readyz: HealthEndpoint };
  /** host:port clients use, for legacy discovery's serverAddressByClientCIDRs. */
  serverAddress: () => string;
  watches: WatchRegistry;
  authorizer: Authorizer;
  metrics: Metrics;
  audit: AuditSink;
  authentication: Authentication;
}

const HEALTH = /^\/(healthz|livez|readyz)(?:\/([^/]+))?$/;

function sendText(reply: FastifyReply, code: number, body: string): FastifyReply {
  return reply.code(code).header('x-content-type-options', 'nosniff').type('text/plain; charset=utf-8').send(body);
}

/** /openapi/v2 as JSON or gnostic protobuf (kubectl ≤1.28), with ETag, 304 and gzip. */
function serveOpenAPIv2(catalogue: Catalogue, req: FastifyRequest, reply: FastifyReply, format: OpenAPIv2Format | undefined): FastifyReply {
  if (!format) throw errors.notAcceptable(OPENAPI_V2_MEDIA_TYPES);
  const rep = openapiV2(catalogue).representation(format);
  reply.header('etag', rep.etag).header('vary', 'Accept, Accept-Encoding');
  if (req.headers['if-none-match'] === rep.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) reply.header('content-encoding', 'gzip');
  return sendJsonText(reply, 200, reply.hasHeader('content-encoding') ? rep.gzip() : rep.body, rep.contentType);
}

async function serveNonResource(deps: AppDeps, catalogue: Catalogue, req: FastifyRequest, reply: FastifyReply, nr: NonResourceRequest, query: URLSearchParams): Promise<unknown> {
  const docs = discoveryDocs(catalogue);
  switch (nr.kind) {
    case 'discoveryRoot': {
      const doc = docs.root(nr.core, discoveryFormat(req.headers.accept), deps.serverAddress());
      reply.header('etag', doc.etag).header('vary', 'Accept');
      if (req.headers['if-none-match'] === doc.etag) return reply.code(304).send();
      return sendJsonText(reply, 200, doc.body, doc.contentType);
    }
    case 'discoveryGroup':
    case 'discoveryGroupVersion': {
      const doc = nr.kind === 'discoveryGroup' ? docs.group(nr.group) : docs.groupVersion(nr.group, nr.version);
      if (!doc) throw errors.pathNotFound();
      reply.header('etag', doc.etag).header('vary', 'Accept');
      if (req.headers['if-none-match'] === doc.etag) return reply.code(304).send();
      return sendJsonText(reply, 200, doc.body, doc.contentType);
    }
    case 'openapiV3Index':
      return sendJsonText(reply, 200, openapiV3(catalogue).indexBody());
    case 'openapiV3': {
      const doc = openapiV3(catalogue).doc(nr.key);
      if (!doc) throw errors.pathNotFound();
      const hash = query.get('hash');
      if (hash && hash !== doc.hash) {
        const path = req.url.split('?')[0];
        return reply.code(301).header('location', `${path}?hash=${doc.hash}`).send();
      }
      reply.header('etag', `"${doc.hash}"`).header('vary', 'Accept');
      if (hash) {
        reply.header('cache-control', 'public, immutable').header('expires', new Date(Date.now() + 365 * 86_400_000).toUTCString());
        return reply.code(200).type('application/json').send(Buffer.from(doc.body));
      }
      return sendJsonText(reply, 200, doc.body);
    }
    case 'openapiV2':
      return serveOpenAPIv2(catalogue, req, reply, openapiV2Format(req.headers.accept));
    case 'version':
      return sendJsonText(reply, 200, JSON.stringify(KUBERNETES_VERSION, null, 2));
    default:
      // The pre-1.10 protobuf-only endpoint kubectl falls back to when /openapi/v2 is a 404 or 406.
      if (nr.kind === 'other' && nr.path === '/swagger-2.0.0.pb-v1') return serveOpenAPIv2(catalogue, req, reply, 'protobuf');
      throw errors.pathNotFound();
  }
}

async function authenticate(deps: AppDeps, req: FastifyRequest): Promise<UserInfo> {
  const token = bearerToken(req.headers.authorization) ?? protocolToken(req.headers['sec-websocket-protocol']);
  if (!token) throw errors.unauthorized();
  const user = await deps.authenticator.authenticateToken(token);
  if (!user) throw errors.unauthorized();
  return user;
}

/** The query of a URL without one (never modified by the handlers). */
const EMPTY_QUERY = new URLSearchParams();

export async function dispatch(deps: AppDeps, req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const auditId = randomUUID();
  reply.header('audit-id', auditId);
  const q = req.url.indexOf('?');
  const rawPath = q < 0 ? req.url : req.url.slice(0, q);
  const query = q < 0 ? EMPTY_QUERY : new URLSearchParams(req.url.slice(q + 1));
  const parsed = parsePath(req.method, rawPath, query.get('watch') === 'true' || query.get('watch') === '1');
  const rreq = parsed.request.kind === 'resource' ? parsed.request : undefined;
  const facts: RequestFacts = {
    auditId,
    receivedAt: Date.now(),
    verb: rreq ? metricVerb(rreq.verb, req.headers['content-type']) : req.method,
    group: rreq?.group ?? '',
    version: rreq?.version ?? '',
    resource: rreq?.resource ?? '',
    subresource: rreq?.subresource ?? '',
    scope: rreq ? (rreq.name ? 'resource' : rreq.namespace ? 'namespace' : 'cluster') : '',
    namespace: rreq?.namespace ?? '',
    name: rreq?.name ?? '',
    dryRun: query.has('dryRun'),
    longRunning: rreq?.verb === 'watch',
  };
  setFacts(req, facts);

  const health = HEALTH.exec(parsed.path);
  if (health) {
    const endpoint = deps.health[health[1] as 'healthz' | 'livez' | 'readyz'];
    const res = endpoint.respond(health[2] ?? '', query);
    return sendText(reply, res.code, res.body);
  }
  if (parsed.request.kind === 'version') return serveNonResource(deps, deps.workspaces.catalogue('root'), req, reply, parsed.request, query);
  // ServiceAccount issuer discovery is public, as upstream's service-account-issuer-discovery role makes it.
  if (parsed.path === OPENID_CONFIGURATION_PATH) {
    const doc = openIDConfiguration(deps.authentication.issuerURL, `https://${deps.serverAddress()}${JWKS_PATH}`);
    return reply.code(200).header('cache-control', DISCOVERY_CACHE_CONTROL).type('application/json').send(JSON.stringify(doc));
  }
  if (parsed.path === JWKS_PATH) {
    return reply.code(200).header('cache-control', DISCOVERY_CACHE_CONTROL).type(JWKS_CONTENT_TYPE).send(JSON.stringify(jwksDocument(deps.authentication.keys)));
  }

  let user = await authenticate(deps, req);
  facts.user = user;
  // The syncer view authorizes against its SyncTarget, not the workspace in the path (sync/view.ts).
  if (rawPath.startsWith(SYNCER_VIEW_PREFIX)) return serveSyncerView(deps, req, reply, rawPath, query, user, facts);
  if (parsed.path === '/metrics' && parsed.workspace === undefined) {
    const d = await deps.authorizer.authorize(user, { cluster: 'root', verb: 'get', path: '/metrics' });
    if (!d.allowed) throw forbidden(user, { cluster: 'root', verb: 'get', path: '/metrics' }, d.reason);
    const m = await deps.metrics.render();
    return reply.code(200).header('content-type', m.contentType).send(m.body);
  }
  // A workspace-bound identity (a ServiceAccount) without a /clusters/ prefix talks to its own
  // workspace, so in-cluster clients work unchanged (kcp rewrites these requests the same way).
  const cluster = parsed.workspace === undefined && user.cluster ? user.cluster : await deps.workspaces.resolve(parsed.workspace ?? 'root');
  facts.cluster = cluster;
  const rr = parsed.request;
  const attributesIn = (c: string): Attributes =>
    rr.kind === 'resource' ? resourceAttributes(c, rr, parsed.path, query) : { cluster: c, verb: req.method.toLowerCase(), path: parsed.path };
  if (!cluster) throw unknownWorkspace(user, attributesIn(''));
  const catalogue = deps.workspaces.catalogue(cluster);
  // Impersonation is decided in the workspace the request addresses.
  user = await impersonate(req.headers, user, cluster, deps.authorizer);
  facts.user = user;
  const attrs = attributesIn(cluster);
  const decision = await deps.authorizer.authorize(user, attrs);
  if (!decision.allowed) throw forbidden(user, attrs, decision.reason);
  if (rr.kind !== 'resource') return serveNonResource(deps, catalogue, req, reply, rr, query);
  if (isHomeRequest(rr)) return sendObject(reply, 200, await homeWorkspace(deps.store, user, `https://${deps.serverAddress()}`));
  return serveResource(
    {
      store: deps.store, catalogue, cluster, user, req, reply, query, watches: deps.watches, authorizer: deps.authorizer, authenticator: deps.authenticator, workspaces: deps.workspaces, authentication: deps.authentication,
      streaming: () => {
        // Watches bypass onResponse: record them when they start, count them while open.
        deps.audit.record(facts, { requestURI: req.url, sourceIP: req.socket?.remoteAddress ?? "", userAgent: req.headers['user-agent'], code: 200, stage: 'ResponseStarted' });
        deps.metrics.observe(facts, 200, 0);
        return deps.metrics.startLongRunning(facts);
      },
    },
    rr,
  );
}

/**
 * A workspace that does not exist: 404 for administrators; for everyone else the same 403 as a
 * workspace they may not enter (same attributes, same "access denied" reason), so workspace names
 * cannot be probed.
 */
function unknownWorkspace(user: UserInfo, attrs: Attributes): ApiError {
  if (user.groups.includes('system:masters')) return errors.pathNotFound();
  return forbidden(user, attrs, 'access denied');
}

/** The deprecated verb-in-path watch endpoints (/api/v1/watch/..., /apis/<g>/<v>/watch/...). */
const WATCH_VIA_PATH = /^\/(?:api\/[^/]+|apis\/[^/]+\/[^/]+)\/watch\//;

/**
 * The authorization attributes of a resource request, filled as upstream's RequestInfoFactory
 * fills them: a namespace's own name is also its namespace (GET /api/v1/namespaces/foo is "in the
 * namespace foo", so RoleBindings in foo apply), and a list or watch is named by an exact
 * metadata.name field selector (not on the deprecated /watch/ paths; an unparsable selector names
 * nothing and is left to the handler).
 */
function resourceAttributes(cluster: string, rr: ResourceRequest, path: string, query: URLSearchParams): Attributes {
  let namespace = rr.namespace;
  let name = rr.name;
  if (rr.group === '' && rr.resource === 'namespaces' && name) namespace = name;
  const fieldSelector = query.get('fieldSelector');
  if (!name && fieldSelector && (rr.verb === 'list' || rr.verb === 'watch') && !WATCH_VIA_PATH.test(path)) {
    try {
      const exact = parseFieldSelector(fieldSelector).requiresExactMatch('metadata.name');
      if (exact !== undefined && pathSegmentNameErrors(exact).length === 0) name = exact;
    } catch {
      // not a selector: no name
    }
  }
  return { cluster, verb: rr.verb, group: rr.group, resource: rr.resource, subresource: rr.subresource, namespace, name };
}

/** A WebSocket upgrade: only watches are served this way; anything else gets an ERROR event. */
async function dispatchWebSocket(deps: AppDeps, socket: WebSocket, req: FastifyRequest): Promise<void> {
  const q = req.url.indexOf('?');
  const query = new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1));
  const parsed = parsePath('GET', q < 0 ? req.url : req.url.slice(0, q), query.get('watch') === 'true' || query.get('watch') === '1');
  try {
    const rr = parsed.request;
    if (rr.kind !== 'resource' || rr.verb !== 'watch') throw errors.badRequest('only watch requests are served over WebSocket');
    let user = await authenticate(deps, req);
    const cluster = parsed.workspace === undefined && user.cluster ? user.cluster : await deps.workspaces.resolve(parsed.workspace ?? 'root');
    if (!cluster) throw unknownWorkspace(user, resourceAttributes('', rr, parsed.path, query));
    user = await impersonate(req.headers, user, cluster, deps.authorizer);
    const attrs = resourceAttributes(cluster, rr, parsed.path, query);
    const decision = await deps.authorizer.authorize(user, attrs);
    if (!decision.allowed) throw forbidden(user, attrs, decision.reason);
    const catalogue = deps.workspaces.catalogue(cluster);
    const r = catalogue.resource(rr.group, rr.version, rr.resource);
    if (!r || r.virtual || !r.verbs.includes('watch') || (rr.namespace && !r.namespaced)) throw errors.pathNotFound();
    const format = objectFormat(req.headers.accept) ?? { as: 'object', encoding: 'json' };
    await handleWatch(
      { store: deps.store, watches: deps.watches, query, streaming: () => () => {} },
      { cluster, catalogue, r, namespace: rr.namespace, user },
      rr,
      format.as === 'object' ? { as: 'object', encoding: 'json' } : format,
      () => webSocketSink(socket),
    );
  } catch (e) {
    const status = e instanceof ApiError ? e.toStatus() : errors.internal((e as Error).message).toStatus();
    socket.send(JSON.stringify({ type: 'ERROR', object: status }));
    socket.close(1000);
  }
}

export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    http2: true,
    https: { allowHTTP1: true, key: deps.tls.key, cert: deps.tls.cert },
    loggerInstance: deps.logger,
    // Requests are counted by metrics and recorded by the audit log, not logged one by one.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  // kube-apiserver takes 1 MiB of request line and headers (long selectors); Node's HTTP/1.1
  // parser stops at 16 KiB unless the server says otherwise (the option is ignored for http2).
  (app.server as { maxHeaderSize?: number }).maxHeaderSize = MAX_HEADER_BYTES;
  // Node turns Nagle off for HTTP/2 sessions, not for the HTTP/1.1 connections allowHTTP1 hands
  // to the http1 handler: small writes (watch events, short responses) would wait ~40 ms for the
  // peer's delayed ACK. HTTP/1.1 clients (client-go with HTTP/2 off, undici, the syncer) need it off.
  app.server.on('secureConnection', (socket: import('node:tls').TLSSocket) => socket.setNoDelay(true));
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err, _req, reply) => {
    sendError(reply, err);
  });
  app.setNotFoundHandler((_req, reply) => {
    sendError(reply, errors.pathNotFound());
  });
  const handler = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      await dispatch(deps, req, reply);
    } catch (e) {
      if (!reply.sent && !reply.raw.headersSent) sendError(reply, e);
      else reply.log.error({ err: e }, 'error after the response started');
    }
  };
  app.register(websocket, { options: { maxPayload: MAX_BODY_BYTES, handleProtocols: (offered: Set<string>) => chooseProtocol(offered) } });
  app.register(async (scoped) => {
    scoped.route({
      method: 'GET',
      url: '/*',
      handler,
      wsHandler: (socket: WebSocket, req: FastifyRequest) => void dispatchWebSocket(deps, socket, req),
    });
    // HEAD is answered by the GET route (fastify exposes HEAD for every GET).
    scoped.route({ method: ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], url: '/*', handler });
    scoped.route({ method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], url: '/', handler });
  });
  // Callback-style hooks: they run for every request, and async ones cost a promise each.
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) setCommonHeaders(reply);
    done(null, payload);
  });
  app.addHook('onResponse', (req, reply, done) => {
    const f = getFacts(req);
    if (f && !f.longRunning) {
      deps.metrics.observe(f, reply.statusCode, reply.elapsedTime / 1000);
      deps.audit.record(f, { requestURI: req.url, sourceIP: req.socket?.remoteAddress ?? '', userAgent: req.headers['user-agent'], code: reply.statusCode, stage: 'ResponseComplete' });
    }
    done();
  });
  return app;
}
