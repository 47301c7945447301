// Prometheus metrics in kube-apiserver's names and labels (never a per-workspace label), plus the
// store's group-commit counters, served at /metrics.

import client from 'prom-client';
import { RequestFacts } from './requestFacts.js';

const LABELS = ['verb', 'dry_run', 'group', 'version', 'resource', 'subresource', 'scope', 'component'] as const;
const DURATION_BUCKETS = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

export interface StoreStatsSource {
  stats(): { writeTransactions: number; batches: number; mutations: number; maxBatchSize: number; watchers: number };
  currentRevision(): number;
}

export class Metrics {
  readonly registry = new client.Registry();
  private readonly requests = new client.Counter({ name: 'apiserver_request_total', help: 'Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.', labelNames: [...LABELS, 'code'], registers: [this.registry] });
  private readonly duration = new client.Histogram({ name: 'apiserver_request_duration_seconds', help: 'Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.', labelNames: [...LABELS], buckets: DURATION_BUCKETS, registers: [this.registry] });
  private readonly longRunning = new client.Gauge({ name: 'apiserver_longrunning_requests', help: 'Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component.', labelNames: ['verb', 'group', 'version', 'resource', 'subresource', 'scope', 'component'], registers: [this.registry] });

  constructor(store?: StoreStatsSource) {
    client.collectDefaultMetrics({ register: this.registry });
    if (store) {
      const reg = [this.registry];
      new client.Gauge({ name: 'kplane_storage_revision', help: 'The last committed revision (resourceVersion).', registers: reg, collect() { this.set(store.currentRevision()); } });
      new client.Gauge({ name: 'kplane_storage_write_transactions', help: 'Write transactions committed since start (each is one group commit).', registers: reg, collect() { this.set(store.stats().writeTransactions); } });
      new client.Gauge({ name: 'kplane_storage_mutations', help: 'Mutations applied since start.', registers: reg, collect() { this.set(store.stats().mutations); } });
      new client.Gauge({ name: 'kplane_storage_max_batch_size', help: 'Largest number of mutations committed in one transaction.', registers: reg, collect() { this.set(store.stats().maxBatchSize); } });
      new client.Gauge({ name: 'kplane_storage_watchers', help: 'Watches registered with the store.', registers: reg, collect() { this.set(store.stats().watchers); } });
    }
  }

  /**
   * The series of one label set, looked up once: prom-client hashes a label object on every
   * inc/observe, which costs more than the request's own bookkeeping. Label sets are few (verbs ×
   * resources × codes), so the map stays small.
   */
  private readonly series = new Map<string, { requests: client.Counter.Internal; duration: client.Histogram.Internal<string> }>();

  private labels(f: RequestFacts): Record<(typeof LABELS)[number], string> {
    return { verb: f.verb, dry_run: f.dryRun ? 'All' : '', group: f.group, version: f.version, resource: f.resource, subresource: f.subresource, scope: f.scope, component: 'apiserver' };
  }

  observe(f: RequestFacts, code: number, seconds: number): void {
    const key = `${f.verb}\u0000${f.dryRun ? 1 : 0}\u0000${f.group}\u0000${f.version}\u0000${f.resource}\u0000${f.subresource}\u0000${f.scope}\u0000${code}`;
    let s = this.series.get(key);
    if (!s) {
      const l = this.labels(f);
      s = { requests: this.requests.labels({ ...l, code: String(code) }), duration: this.duration.labels(l) };
      this.series.set(key, s);
    }
    s.requests.inc();
    if (!f.longRunning) s.duration.observe(seconds);
  }

  /** Tracks a watch for its lifetime; call the returned function when it ends. */
  startLongRunning(f: RequestFacts): () => void {
    const { dry_run: _d, ...l } = this.labels(f);
    this.longRunning.inc(l);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.longRunning.dec(l);
    };
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
