// Writing responses: objects as JSON or YAML, raw JSON text, Status errors, and Warning headers.

import type { FastifyReply } from 'fastify';
import YAML from 'yaml';
import { ApiError, Status, errors } from '../../apis/errors.js';

export const JSON_TYPE = 'application/json';
export const YAML_TYPE = 'application/yaml';

export function setCommonHeaders(reply: FastifyReply): void {
  reply.header('cache-control', 'no-cache, private');
}

/** Adds `Warning: 299 - "<text>"` headers, as kube-apiserver sends warnings. */
export function addWarnings(reply: FastifyReply, warnings: string[]): void {
  if (!warnings.length) return;
  const before = reply.getHeader('warning');
  const earlier = before === undefined ? [] : Array.isArray(before) ? before.map(String) : [String(before)];
  reply.header('warning', [...earlier, ...warnings.map((w) => `299 - ${JSON.stringify(w)}`)]);
}

export function sendJsonText(reply: FastifyReply, code: number, text: string | Buffer, contentType = JSON_TYPE): FastifyReply {
  setCommonHeaders(reply);
  // A Buffer keeps the Content-Type byte for byte: fastify rewrites a string's JSON type (quoted
  // parameters, "; charset=utf-8"), and clients match discovery and Table types exactly.
  return reply.code(code).type(contentType).send(typeof text === 'string' ? Buffer.from(text) : text);
}

export function sendObject(reply: FastifyReply, code: number, obj: unknown, encoding: 'json' | 'yaml' = 'json'): FastifyReply {
  if (encoding === 'yaml') {
    setCommonHeaders(reply);
    return reply.code(code).type(YAML_TYPE).send(YAML.stringify(obj, { version: '1.1' }));
  }
  return sendJsonText(reply, code, JSON.stringify(obj));
}

export function sendStatus(reply: FastifyReply, status: Status): FastifyReply {
  return sendJsonText(reply, status.code ?? 200, JSON.stringify(status));
}

/** Any thrown error as a Status response; unexpected errors are 500s and get logged. */
export function sendError(reply: FastifyReply, e: unknown): FastifyReply {
  if (e instanceof ApiError) return sendStatus(reply, e.toStatus());
  const fe = e as { code?: string; statusCode?: number; message?: string };
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe?.statusCode === 413) return sendStatus(reply, errors.tooLarge().toStatus());
  if (fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe?.statusCode === 415) {
    return sendStatus(reply, errors.unsupportedMediaType(['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']).toStatus());
  }
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return sendStatus(reply, errors.badRequest(fe.message ?? 'bad request').toStatus());
  // A document deep enough to exhaust the stack in recursive code (JSON up to 10,000 levels is
  // accepted, as upstream): the request's shape, not a server fault.
  if (e instanceof RangeError && /call stack/i.test(e.message)) return sendStatus(reply, errors.badRequest('the request is nested too deeply to be processed').toStatus());
  reply.log.error({ err: e }, 'internal error');
  return sendStatus(reply, errors.internal((e as Error)?.message ?? String(e)).toStatus());
}
