// The audit log: one audit.k8s.io/v1 Event per request as a JSON line (who did what, where,
// with which result), written asynchronously so requests never wait on it.

import pino from 'pino';
import { RequestFacts } from './requestFacts.js';

export interface AuditSink {
  record(f: RequestFacts, e: { requestURI: string; sourceIP: string; userAgent?: string; code: number; stage: 'ResponseStarted' | 'ResponseComplete' }): void;
  close(): Promise<void>;
}

export const NO_AUDIT: AuditSink = { record() {}, close: async () => {} };

let secondCached = NaN;
let secondText = '';

/** RFC 3339 with microseconds, as audit events carry them; the date part is formatted once per second. */
function micro(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== secondCached) {
    secondCached = second;
    secondText = new Date(second * 1000).toISOString().slice(0, 19);
  }
  return `${secondText}.${String(ms - second * 1000).padStart(3, '0')}000Z`;
}

/** Writes JSON lines to `path` ("-" for stdout). */
const q = JSON.stringify;
const ANONYMOUS = q({ username: 'system:anonymous', groups: ['system:unauthenticated'] });

/** The JSON of a user, kept per user object (a token's user is one object reused by its requests). */
const userJson = new WeakMap<object, string>();
function userText(user: RequestFacts['user']): string {
  if (!user) return ANONYMOUS;
  let t = userJson.get(user);
  if (t === undefined) {
    t = q({ username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups });
    userJson.set(user, t);
  }
  return t;
}

/**
 * One audit.k8s.io/v1 Event as a JSON line, written field by field: this runs for every request,
 * and building then serialising an object per request cost more than the request's handling.
 */
export function auditLine(f: RequestFacts, e: Parameters<AuditSink['record']>[1], now = Date.now()): string {
  let line =
    `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":${q(f.auditId)},"stage":${q(e.stage)}` +
    `,"requestURI":${q(e.requestURI)},"verb":${q(f.verb.toLowerCase())},"user":${userText(f.user)},"sourceIPs":[${q(e.sourceIP)}]`;
  if (e.userAgent !== undefined) line += `,"userAgent":${q(e.userAgent)}`;
  if (f.resource) {
    line += `,"objectRef":{"resource":${q(f.resource)}`;
    if (f.namespace) line += `,"namespace":${q(f.namespace)}`;
    if (f.name) line += `,"name":${q(f.name)}`;
    line += `,"apiGroup":${q(f.group)},"apiVersion":${q(f.version)}`;
    if (f.subresource) line += `,"subresource":${q(f.subresource)}`;
    line += '}';
  }
  line +=
    `,"responseStatus":{"metadata":{},"code":${e.code}},"requestReceivedTimestamp":"${micro(f.receivedAt)}","stageTimestamp":"${micro(now)}"` +
    `,"annotations":${f.cluster ? `{"kplane.io/workspace":${q(f.cluster)}}` : '{}'}}\n`;
  return line;
}

/** Writes JSON lines to `path` ("-" for stdout). */
export function fileAudit(path: string): AuditSink {
  const dest = pino.destination({ dest: path === '-' ? 1 : path, sync: false, mkdir: true });
  // Lines of one event-loop turn go out in one write: a write per request costs more than the line.
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.length === 1 ? pending[0]! : pending.join('');
    pending = [];
    dest.write(text);
  };
  return {
    record(f, e) {
      pending.push(auditLine(f, e));
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    close: () =>
      new Promise((resolve) => {
        flush();
        dest.flush?.(() => {
          dest.end();
          resolve();
        });
      }),
  };
}
