// Watch streams: newline-delimited {"type","object"} events over a long-lived response, from a
// revision or from the current state, with selectors, bookmarks, sendInitialEvents, Table
// events and timeoutSeconds, as kube-apiserver serves them.

import type { FastifyReply } from 'fastify';
import { ApiError, errors } from '../../apis/errors.js';
import { KObject } from '../../apis/resources/model.js';
import { Scope, fromStorage, servedAsStored } from '../../apis/registry/scope.js';
import { ObjectFilter } from '../../apis/registry/selectors.js';
import { checkReadRV } from '../../apis/registry/read.js';
import { tableRow, columnDefinitions } from '../../apis/tables.js';
import { ChangeEvent, ExpiredError, Store, Watch } from '../../storage/store.js';
import { ObjectFormat } from '../http/negotiation.js';

export interface WatchParams {
  resourceVersion?: string;
  resourceVersionMatch?: string;
  sendInitialEvents?: boolean;
  allowWatchBookmarks: boolean;
  timeoutSeconds?: number;
  filter: ObjectFilter;
  format: ObjectFormat;
  includeObject: 'None' | 'Metadata' | 'Object';
  /** A single object's watch (…/watch/…/name or fieldSelector metadata.name=). */
  name?: string;
  /** Every workspace's changes, not only s.cluster's (the syncer view). */
  allWorkspaces?: boolean;
}

/** Bookmarks roughly once a minute, as upstream. */
const BOOKMARK_INTERVAL_MS = 60_000;
/** A watcher that falls this far behind is cut off; its client re-watches from its last revision. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

function listOptionsInvalid(field: string, type: 'Forbidden' | 'Required', detail: string): ApiError {
  return errors.invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', [{ type, field, detail }]);
}

/** Validates the watch parameters as upstream's ValidateListOptions does. */
export function validateWatchParams(p: WatchParams): void {
  // Upstream checks presence, not truth: sendInitialEvents=false needs NotOlderThan too.
  if (p.sendInitialEvents !== undefined) {
    if (p.resourceVersionMatch !== 'NotOlderThan') {
      throw listOptionsInvalid('resourceVersionMatch', 'Forbidden', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan');
    }
    if (p.sendInitialEvents && !p.allowWatchBookmarks) {
      throw listOptionsInvalid('allowWatchBookmarks', 'Required', 'sendInitialEvents requires setting allowWatchBookmarks to true');
    }
  } else if (p.resourceVersionMatch) {
    throw listOptionsInvalid('resourceVersionMatch', 'Forbidden', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided');
  }
}

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** Where a watch's events go: a streaming HTTP response or a WebSocket. */
export interface WatchSink {
  /** Starts the response (status and headers for HTTP). */
  open(): void;
  /** Writes one event (a JSON text line). */
  write(line: string): void;
  /** Bytes accepted but not yet sent to the client. */
  buffered(): number;
  end(): void;
  onClose(cb: () => void): void;
}

/** A streaming HTTP response: newline-delimited JSON, headers flushed at once. */
export function httpSink(reply: FastifyReply): WatchSink {
  const raw = reply.raw;
  return {
    open() {
      raw.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
      // Send the headers now, as upstream flushes them: a client's watch call returns only once it
      // has them, and a quiet watch may have no event to write for a long time.
      raw.flushHeaders();
    },
    write: (line) => void raw.write(line),
    buffered: () => raw.writableLength,
    end: () => raw.end(),
    onClose: (cb) => void raw.on('close', cb),
  };
}

/** Open watch streams, so a shutdown can end them instead of waiting 30–60 minutes. */
export class WatchRegistry {
  private readonly open = new Set<{ end(): void }>();

  add(s: { end(): void }): void {
    this.open.add(s);
  }

  delete(s: { end(): void }): void {
    this.open.delete(s);
  }

  get size(): number {
    return this.open.size;
  }

  endAll(): void {
    for (const s of [...this.open]) s.end();
  }
}

class WatchStream {
  private stopped = false;
  private watch?: Watch;
  private timers: NodeJS.Timeout[] = [];
  private headersSent = false;
  private lastRv = 0;

  constructor(
    private readonly store: Store,
    private readonly s: Scope,
    private readonly p: WatchParams,
    private readonly sink: WatchSink,
    private readonly registry: WatchRegistry,
  ) {
    registry.add(this);
  }

  private matches(obj: KObject | undefined): boolean {
    if (!obj) return false;
    if (this.p.name && obj.metadata?.name !== this.p.name) return false;
    return !this.p.filter.matches || this.p.filter.matches(obj);
  }

  private objectJson(obj: KObject, json?: string): string {
    const f = this.p.format;
    if (f.as === 'table') {
      const row = tableRow(this.s.r, obj, { version: f.version, includeObject: this.p.includeObject });
      const table = {
        kind: 'Table',
        apiVersion: `meta.k8s.io/${f.version}`,
        metadata: { resourceVersion: obj.metadata?.resourceVersion ?? '' },
        columnDefinitions: this.headersSent ? [] : columnDefinitions(this.s.r),
        rows: [row],
      };
      this.headersSent = true;
      return JSON.stringify(table);
    }
    if (f.as === 'partial') {
      return JSON.stringify({ kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${f.version}`, metadata: obj.metadata ?? {} });
    }
    return json ?? JSON.stringify(obj);
  }

  private write(type: EventType, objectJson: string): void {
    if (this.stopped) return;
    this.sink.write(`{"type":"${type}","object":${objectJson}}\n`);
    if (this.sink.buffered() > MAX_BUFFERED_BYTES) this.end();
  }

  private send(type: Exclude<EventType, 'BOOKMARK' | 'ERROR'>, obj: KObject, json?: string): void {
    const rv = Number(obj.metadata?.resourceVersion);
    if (rv > this.lastRv) this.lastRv = rv;
    this.write(type, this.objectJson(obj, json));
  }

  bookmark(annotations?: Record<string, string>): void {
    const rv = String(Math.max(this.lastRv, this.store.currentRevision()));
    const metadata: KObject = { resourceVersion: rv, creationTimestamp: null };
    if (annotations) metadata.annotations = annotations;
    this.write('BOOKMARK', JSON.stringify({ kind: this.s.r.kind, apiVersion: this.s.r.apiVersion, metadata }));
  }

  /** Delivers one committed change, translated by the selector (enter → ADDED, leave → DELETED). */
  onChange(ev: ChangeEvent): void {
    const asStored = servedAsStored(this.s.r);
    const obj = asStored ? ev.object : fromStorage(this.s.r, ev.object);
    const json = asStored && this.p.format.as === 'object' ? ev.json : undefined;
    const now = this.matches(obj);
    if (ev.type === 'ADDED') {
      if (now) this.send('ADDED', obj, json);
      return;
    }
    if (ev.type === 'DELETED') {
      if (now) this.send('DELETED', obj, json);
      return;
    }
    const prevObj = ev.prev === undefined ? undefined : asStored ? ev.prev : fromStorage(this.s.r, ev.prev);
    // Without the previous state (compacted), assume the watcher had the object.
    const before = prevObj === undefined ? true : this.matches(prevObj);
    if (now && before) this.send('MODIFIED', obj, json);
    else if (now) this.send('ADDED', obj, json);
    else if (before) {
      const last = structuredClone(prevObj ?? obj);
      last.metadata = { ...(last.metadata ?? {}), resourceVersion: String(ev.rv) };
      this.send('DELETED', last);
    }
  }

  start(initial: Array<{ object: KObject; json?: string }> | undefined, fromRv: number | undefined): void {
    this.sink.open();
    this.sink.onClose(() => this.stop());
    if (initial) for (const o of initial) this.send('ADDED', o.object, this.p.format.as === 'object' ? o.json : undefined);
    try {
      this.watch = this.store.watch(
        {
          cluster: this.p.allWorkspaces ? undefined : this.s.cluster,
          resource: this.s.r.storageKey,
          namespace: this.s.r.namespaced && this.s.namespace ? this.s.namespace : undefined,
          name: this.p.name ?? this.p.filter.name,
          fromRv,
        },
        (ev) => this.onChange(ev),
      );
    } catch (e) {
      if (e instanceof ExpiredError) {
        this.write('ERROR', JSON.stringify(errors.expired(e.message).toStatus()));
        this.end();
        return;
      }
      throw e;
    }
    if (fromRv !== undefined && fromRv > this.lastRv) this.lastRv = fromRv;
    if (this.p.sendInitialEvents) this.bookmark({ 'k8s.io/initial-events-end': 'true' });
    if (this.p.allowWatchBookmarks) {
      const t = setInterval(() => this.bookmark(), BOOKMARK_INTERVAL_MS);
      t.unref();
      this.timers.push(t);
    }
    // Without timeoutSeconds upstream picks 30–60 minutes.
    const timeout = this.p.timeoutSeconds !== undefined && this.p.timeoutSeconds > 0 ? this.p.timeoutSeconds : 1800 * (1 + Math.random());
    const t = setTimeout(() => this.end(), timeout * 1000);
    t.unref();
    this.timers.push(t);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.registry.delete(this);
    this.watch?.stop();
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  end(): void {
    this.stop();
    this.sink.end();
  }
}

/**
 * Serves a watch request; throws (before any byte is written) on bad parameters. `takeSink`
 * is called once the watch is sure to start (for HTTP it hijacks the reply).
 */
export async function serveWatch(store: Store, registry: WatchRegistry, streaming: () => () => void, s: Scope, p: WatchParams, takeSink: () => WatchSink, listInitial: () => Promise<{ items: Array<{ object: KObject; json?: string }>; rv: number }>): Promise<void> {
  validateWatchParams(p);
  const rv = p.resourceVersion;
  let initial: Array<{ object: KObject; json?: string }> | undefined;
  let fromRv: number | undefined;
  if (p.sendInitialEvents || (p.sendInitialEvents === undefined && (!rv || rv === '0'))) {
    if (rv && rv !== '0') checkReadRV(store, rv, 'NotOlderThan');
    const page = await listInitial();
    initial = page.items;
    fromRv = page.rv;
  } else if (!rv || rv === '0') {
    // sendInitialEvents=false without a revision: changes from now on, no initial state.
    fromRv = store.currentRevision();
  } else {
    if (!/^\d+$/.test(rv)) throw errors.badRequest(`Invalid value: "${rv}": resourceVersion must be a non-negative integer`);
    fromRv = Number(rv);
    if (fromRv > store.currentRevision()) throw errors.tooLargeResourceVersion(fromRv, store.currentRevision());
  }
  const sink = takeSink();
  const ended = streaming();
  sink.onClose(ended);
  new WatchStream(store, s, p, sink, registry).start(initial, fromRv);
}
