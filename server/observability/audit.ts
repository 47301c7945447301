// The audit log: one audit.k8s.io/v1 Event per request as a JSON line (who did what, where,
// with which result), written asynchronously so requests never wait on it.

import pino from 'pino';
import { RequestFacts } from './requestFacts.js';

export interface AuditSink {
  record(f: RequestFacts, e: { requestURI: string; sourceIP: string; userAgent?: string; code: number; stage: 'ResponseStarted' | 'ResponseComplete' }): void;
  close(): Promise<void>;
}

export const NO_AUDIT: AuditSink = { record() {}, close: async () => {} };

function micro(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}

/** Writes JSON lines to `path` ("-" for stdout). */
export function fileAudit(path: string): AuditSink {
  const dest = pino.destination({ dest: path === '-' ? 1 : path, sync: false, mkdir: true });
  return {
    record(f, e) {
      const event: Record<string, unknown> = {
        kind: 'Event',
        apiVersion: 'audit.k8s.io/v1',
        level: 'Metadata',
        auditID: f.auditId,
        stage: e.stage,
        requestURI: e.requestURI,
        verb: f.verb.toLowerCase(),
        user: f.user ? { username: f.user.username, ...(f.user.uid ? { uid: f.user.uid } : {}), groups: f.user.groups } : { username: 'system:anonymous', groups: ['system:unauthenticated'] },
        sourceIPs: [e.sourceIP],
        userAgent: e.userAgent,
        responseStatus: { metadata: {}, code: e.code },
        requestReceivedTimestamp: micro(f.receivedAt),
        stageTimestamp: micro(Date.now()),
        annotations: f.cluster ? { 'kplane.io/workspace': f.cluster } : {},
      };
      if (f.resource) {
        event.objectRef = {
          resource: f.resource,
          ...(f.namespace ? { namespace: f.namespace } : {}),
          ...(f.name ? { name: f.name } : {}),
          apiGroup: f.group,
          apiVersion: f.version,
          ...(f.subresource ? { subresource: f.subresource } : {}),
        };
      }
      dest.write(`${JSON.stringify(event)}\n`);
    },
    close: () =>
      new Promise((resolve) => {
        dest.flush?.(() => {
          dest.end();
          resolve();
        });
      }),
  };
}
