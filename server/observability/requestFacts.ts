// What a request was, as metrics and the audit log record it. Filled in by dispatch once the
// path is parsed and the caller is known; read when the response completes.

import type { FastifyRequest } from 'fastify';
import { UserInfo } from '../auth/user.js';

export interface RequestFacts {
  auditId: string;
  receivedAt: number;
  /** Upper-case apiserver verb: GET LIST WATCH POST PUT PATCH APPLY DELETE DELETECOLLECTION. */
  verb: string;
  group: string;
  version: string;
  resource: string;
  subresource: string;
  /** "resource" (named object), "namespace", "cluster", or "" for non-resource requests. */
  scope: string;
  namespace: string;
  name: string;
  cluster?: string;
  user?: UserInfo;
  dryRun: boolean;
  longRunning: boolean;
}

const facts = new WeakMap<FastifyRequest, RequestFacts>();

export function setFacts(req: FastifyRequest, f: RequestFacts): void {
  facts.set(req, f);
}

export function getFacts(req: FastifyRequest): RequestFacts | undefined {
  return facts.get(req);
}

/** The apiserver metric verb of a request (APPLY for server-side apply patches). */
export function metricVerb(verb: string, contentType: string | undefined): string {
  if (verb === 'patch' && contentType?.startsWith('application/apply-patch')) return 'APPLY';
  if (verb === 'create') return 'POST';
  if (verb === 'update') return 'PUT';
  return verb.toUpperCase();
}
