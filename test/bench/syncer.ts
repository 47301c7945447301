// (h) The syncer: how long a workspace write takes to reach the member cluster, and what the agent
// holds in memory per synced object (issue 6). Each beside a ceiling measured in the same run.
//
// Processes, all children of the benchmark, all fresh: a hub (`kplane serve`), a member cluster
// (`kplane serve --simulate-workloads`, what the end-to-end tests use as a member; ConfigMaps need
// nothing simulated), the agent (`kplane syncer`, started with --inspect-port so that its memory can
// be read from outside) and the relay (relay.ts, the latency ceiling). The hub is set up as a
// platform team and a tenant would: workspaces root:compute and root:team over HTTP, the SyncTarget
// and the agent's upstream kubeconfig by `kplane syncer-manifest --kubeconfig-only` (a child
// process), a Placement of one namespace ("shop"). The benchmark waits for the SyncTarget's Ready
// condition and the mapped namespace on the member.
//
// Latency. One standard watch on the member (in this process, undici over HTTPS) notes when each
// copy is ADDED. 1 KB ConfigMaps are POSTed into the placed namespace and each POST's 201 is timed.
// Write → copy = member ADDED − upstream 201, clamped at 0 (a copy can be seen before this process
// has read the 201: both arrive on its one event loop; how many, and how early, is reported). Two
// modes: `conns` closed-loop keep-alive clients as fast as they go (the headline figure), and one
// client writing at a steady `1000 / pacedIntervalMs` per second, which the agent keeps up with, so
// no backlog builds (the latency of one object's path).
// Ceiling: the relay (relay.ts), a child process holding one watch on another, unplaced namespace
// of the same workspace that POSTs each ADDED object (name and data) to a plain member namespace:
// the least work that copies an object across. Same N, same clients, timed the same way. The two
// alternate round by round, after an untimed warm-up of each; after each agent round the benchmark
// waits until the agent has also written its Synced condition back on every workspace object (a
// watch on the placed namespace), so that none of its work spills into the relay's round. CPU per
// object (/proc/<pid>/stat) of the agent or relay, the hub and the member is taken over the same
// spans.
//
// Memory. The placed namespace is brought to `objects` ConfigMaps; once the member has every copy
// and every workspace object carries the agent's Applied condition, the agent's RSS and heap are
// read inside it after a forced settle (full GC, idle, full GC). Ceiling: a bare Node process
// started the same way that loads the agent's third-party libraries and holds nothing
// (bareAgent.ts). Reported: (agent − bare) ÷ objects, and the growth between the warm-up (a few
// objects) and the end, ÷ the objects added in between.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Pool } from 'undici';
import { freePort, kplaneBin, startChildServer, type ChildServer } from '../support/childServer.js';
import { RemoteInspector, type MemorySample } from './inspector.js';
import { configMapBody } from './objects.js';
import type { RelayConfig } from './relay.js';
import { quantile } from './stats.js';
import { call, expectOk, headers, type Target } from './target.js';
import { cpuSeconds, maxOf } from './workspaces.js';
import { createWorkspaces, postAll, type PostTimes } from './wsClient.js';

export interface SyncerOptions {
  /** Timed objects per side (agent, relay), split into `rounds` alternating rounds. */
  count: number;
  rounds: number;
  /** Timed objects per side written by one client at a steady pace (no backlog), before the bursts. */
  paced: number;
  pacedIntervalMs: number;
  /** Untimed objects per side before the first round. */
  warmup: number;
  /** Closed-loop keep-alive clients creating the objects. */
  conns: number;
  /** ConfigMaps in the placed namespace when the agent's memory is read. */
  objects: number;
  /** Idle time inside each memory settle (full GC, idle, full GC). */
  settleMs: number;
  /** Longest wait for copies (per round, and for the fill). */
  timeoutMs: number;
  /** Extra node flags for the agent (e.g. --cpu-prof). */
  agentNodeArgs?: string[];
}

export interface LatencyFigures {
  /** Write → copy: member ADDED − upstream 201 (ms, clamped at 0). */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** Copies seen before the 201 was read (counted as 0 ms), and the earliest of them (ms, ≤ 0). */
  clamped: number;
  earliestMs: number;
  /** Objects ÷ (last copy − first POST), summed over the rounds. */
  copiesPerSec: number;
  /** Objects ÷ (last 201 − first POST), summed over the rounds. */
  acceptedPerSec: number;
  /** CPU (user + system) per object of the agent / relay process, and of the hub and the member meanwhile. */
  cpuMsPerObject: number;
  hubCpuMsPerObject: number;
  memberCpuMsPerObject: number;
}

export interface SyncerResult {
  count: number;
  rounds: number;
  warmup: number;
  conns: number;
  agent: LatencyFigures;
  relay: LatencyFigures;
  /** agent p50 / p99 ÷ the relay's (`conns` clients). */
  p50Ratio: number;
  p99Ratio: number;
  /** One client, one write every 1/perSec s: write → copy without a backlog. */
  paced: { count: number; perSec: number; agent: LatencyFigures; relay: LatencyFigures };
  memory: {
    objects: number;
    agent: MemorySample;
    /** The agent after the warm-up, with `baselineObjects` synced. */
    agentBaseline: MemorySample;
    baselineObjects: number;
    bare: MemorySample;
    /** (agent − bare) ÷ objects, bytes. */
    rssPerObjectBytes: number;
    heapUsedPerObjectBytes: number;
    /** (agent − agent after the warm-up) ÷ objects added in between, bytes. */
    rssGrowthPerObjectBytes: number;
    heapUsedGrowthPerObjectBytes: number;
    /** ConfigMaps created by the fill (after the latency rounds), `conns` clients. */
    fillObjects: number;
    /** Seconds from the first fill POST until every 201 / every copy on the member / every condition back. */
    fillAcceptedSeconds: number;
    fillCopiedSeconds: number;
    fillSyncedSeconds: number;
  };
  setupSeconds: number;
}

const TARGET_NAME = 'edge-1';
const PLACED = 'shop';
const RELAY_SOURCE = 'relay-src';
const RELAY_COPY = 'relay-copy';
const CONDITION_PREFIX = 'condition.sync.kplane.io/';

/** A Node child process of this benchmark (agent, relay, bare process). */
interface NodeChild {
  proc: ChildProcess;
  pid: number;
  /** stdout and stderr, interleaved (the last 100-200 kB). */
  output(): string;
  /** stdout alone, whole. */
  stdout(): string;
  /** Resolves when its stdout has printed `text`; rejects if it exits first or after `timeoutMs`. */
  waitFor(text: string, timeoutMs: number): Promise<void>;
  stop(graceMs?: number): Promise<void>;
}

/** Children still running: killed if this process exits (a crash, process.exit) without stopping them. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

function startNode(args: string[]): NodeChild {
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUBECONFIG: '' } });
  running.add(proc);
  let out = '';
  let stdout = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  proc.stdout!.on('data', (d: Buffer) => {
    keep(d);
    if (stdout.length < 1_000_000) stdout += d.toString();
  });
  proc.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    proc.once('exit', () => {
      exited = true;
      running.delete(proc);
      resolve();
    }),
  );
  return {
    proc,
    pid: proc.pid!,
    output: () => out,
    stdout: () => stdout,
    async waitFor(text, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!stdout.includes(text)) {
        if (exited) throw new Error(`${args.join(' ')} exited:\n${out.slice(-4000)}`);
        if (Date.now() > deadline) throw new Error(`${args.join(' ')} did not print "${text}" within ${timeoutMs} ms:\n${out.slice(-4000)}`);
        await sleep(20);
      }
    },
    async stop(graceMs = 5000) {
      if (exited) return;
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(t);
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` every `everyMs` until it returns a value. */
async function until<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>, everyMs = 100, detail: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail()}`);
    await sleep(everyMs);
  }
}

/**
 * One standard watch on a collection, noting when each object first matched (performance.now() as
 * this process read the event). `quick` is a cheap test of the raw line before it is parsed.
 */
class FirstSeen {
  readonly at = new Map<string, number>();
  private failure?: Error;

  private constructor(private readonly client: Client) {}

  static async open(t: Target, collection: string, quick: (line: string) => boolean, match: (ev: any) => boolean): Promise<FirstSeen> {
    const list = await expectOk(t, 'GET', `${collection}?limit=1`);
    const client = new Client(t.origin, { connect: { ca: t.caPem }, allowH2: false, bodyTimeout: 0, headersTimeout: 0 });
    const w = new FirstSeen(client);
    const res = await client.request({ method: 'GET', path: `${collection}?watch=true&resourceVersion=${list.metadata.resourceVersion}`, headers: headers(t) });
    if (res.statusCode !== 200) {
      const text = await res.body.text();
      await client.destroy();
      throw new Error(`watch ${collection}: ${res.statusCode} ${text.slice(0, 300)}`);
    }
    res.body.setEncoding('utf8');
    void (async () => {
      let buf = '';
      try {
        for await (const chunk of res.body) {
          const now = performance.now();
          buf += chunk as string;
          for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
            const line = buf.slice(0, i);
            buf = buf.slice(i + 1);
            if (line.startsWith('{"type":"ERROR"')) throw new Error(`watch ${collection}: ${line.slice(0, 300)}`);
            if (!quick(line)) continue;
            const ev = JSON.parse(line);
            const name: string = ev.object.metadata.name;
            if (!w.at.has(name) && match(ev)) w.at.set(name, now);
          }
        }
        throw new Error(`the watch on ${collection} ended`);
      } catch (e) {
        w.failure ??= e as Error;
      }
    })();
    return w;
  }

  /** The copies in a member collection: ADDED events. */
  static copies(t: Target, collection: string): Promise<FirstSeen> {
    return FirstSeen.open(t, collection, (line) => line.startsWith('{"type":"ADDED"'), () => true);
  }

  /** Workspace objects carrying the agent's condition with reason Applied. */
  static applied(t: Target, collection: string): Promise<FirstSeen> {
    return FirstSeen.open(
      t,
      collection,
      (line) => line.includes(CONDITION_PREFIX) && line.includes('Applied'),
      (ev) => {
        const a: Record<string, string> = ev.object.metadata.annotations ?? {};
        return Object.keys(a).some((k) => k.startsWith(CONDITION_PREFIX) && JSON.parse(a[k]!).reason === 'Applied');
      },
    );
  }

  /** Resolves when every name was seen. */
  async waitAll(what: string, names: readonly string[], timeoutMs: number, detail: () => string): Promise<void> {
    const missing = () => names.filter((n) => !this.at.has(n)).length;
    await until(what, timeoutMs, async () => {
      if (this.failure) throw this.failure;
      return names.every((n) => this.at.has(n)) || undefined;
    }, 10, () => ` (${missing()} of ${names.length} missing)${detail()}`);
  }

  async close(): Promise<void> {
    await this.client.destroy();
  }
}

interface Span {
  first: number;
  lastCopy: number;
  lastAccepted: number;
}

/** The timed objects of one side in one mode. */
class Series {
  readonly samples: number[] = [];
  clamped = 0;
  earliest = 0;
  readonly spans: Span[] = [];
  readonly cpu = { self: 0, hub: 0, member: 0 };

  figures(): LatencyFigures {
    const n = this.samples.length;
    const copySec = this.spans.reduce((s, x) => s + (x.lastCopy - x.first) / 1000, 0);
    const acceptSec = this.spans.reduce((s, x) => s + (x.lastAccepted - x.first) / 1000, 0);
    return {
      p50Ms: quantile(this.samples, 0.5),
      p99Ms: quantile(this.samples, 0.99),
      maxMs: maxOf(this.samples),
      meanMs: this.samples.reduce((a, b) => a + b, 0) / n,
      clamped: this.clamped,
      earliestMs: this.earliest,
      copiesPerSec: n / copySec,
      acceptedPerSec: n / acceptSec,
      cpuMsPerObject: (this.cpu.self * 1000) / n,
      hubCpuMsPerObject: (this.cpu.hub * 1000) / n,
      memberCpuMsPerObject: (this.cpu.member * 1000) / n,
    };
  }
}

/** One client on one keep-alive connection POSTs `n` bodies, the i-th due at start + i × `intervalMs` (or when the previous is answered, if later). */
async function postPaced(t: Target, path: string, bodies: (i: number) => string, n: number, intervalMs: number): Promise<PostTimes> {
  const pool = new Pool(t.origin, { connections: 1, pipelining: 1, connect: { ca: t.caPem }, allowH2: false, keepAliveTimeout: 60_000 });
  const sentAt = new Array<number>(n);
  const acceptedAt = new Array<number>(n);
  const hdrs = headers(t, { 'content-type': 'application/json' });
  try {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const wait = t0 + i * intervalMs - performance.now();
      if (wait > 0) await sleep(wait);
      sentAt[i] = performance.now();
      const res = await pool.request({ method: 'POST', path, headers: hdrs, body: bodies(i) });
      const text = await res.body.text();
      if (res.statusCode !== 201) throw new Error(`POST ${path}: ${res.statusCode} ${text.slice(0, 300)}`);
      acceptedAt[i] = performance.now();
    }
  } finally {
    await pool.close();
  }
  return { sentAt, acceptedAt };
}

const cmName = (prefix: string, i: number) => `${prefix}-${String(i).padStart(6, '0')}`;

export async function benchSyncer(dir: string, o: SyncerOptions, progress: (s: string) => void = () => undefined): Promise<SyncerResult> {
  const setup0 = performance.now();
  let hub: ChildServer | undefined;
  let member: ChildServer | undefined;
  let agent: NodeChild | undefined;
  let relay: NodeChild | undefined;
  let bare: NodeChild | undefined;
  let inspector: RemoteInspector | undefined;
  let bareInspector: RemoteInspector | undefined;
  const watches: FirstSeen[] = [];
  const agentLog = () => (agent ? `\n--- agent output (last 4000 chars)\n${agent.output().slice(-4000)}` : '');
  try {
    progress('setup');
    const started = await Promise.allSettled([
      startChildServer({ dataDir: path.join(dir, 'hub'), port: await freePort() }),
      startChildServer({ dataDir: path.join(dir, 'member'), port: await freePort(), extraArgs: ['--simulate-workloads'] }),
    ]);
    // Whichever started is stopped in `finally`, also when the other did not.
    [hub, member] = started.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
    for (const c of [hub, member]) {
      if (!c) continue;
      running.add(c.proc);
      void c.exited.then(() => running.delete(c.proc));
    }
    for (const r of started) if (r.status === 'rejected') throw r.reason;
    if (!hub || !member) throw new Error('unreachable');
    const h: Target = { origin: hub.baseURL, caPem: hub.caPem, token: hub.token };
    const m: Target = { origin: member.baseURL, caPem: member.caPem, token: member.token };
    const compute = '/clusters/root:compute';
    const team = '/clusters/root:team';

    await createWorkspaces(h, 'root', ['compute', 'team'], 2, 30_000);

    // The platform team registers the member: SyncTarget, credentials, the agent's kubeconfig.
    const manifest = startNode([
      kplaneBin(), 'syncer-manifest', TARGET_NAME, '--workspace', 'root:compute', '--kubeconfig', path.join(hub.dataDir, 'admin.kubeconfig'),
      '--kubeconfig-only', '--lease-duration-seconds', '20',
    ]);
    const manifestCode = await new Promise<number | null>((resolve) => manifest.proc.once('exit', (code) => resolve(code)));
    const upstreamKubeconfig = path.join(dir, `${TARGET_NAME}.kubeconfig`);
    if (manifestCode !== 0 || !manifest.stdout().includes('apiVersion')) throw new Error(`kplane syncer-manifest failed (${manifestCode}):\n${manifest.output().slice(-4000)}`);
    fs.writeFileSync(upstreamKubeconfig, manifest.stdout());
    await expectOk(h, 'PATCH', `${compute}/apis/sync.kplane.io/v1alpha1/synctargets/${TARGET_NAME}`, JSON.stringify({ metadata: { labels: { region: 'bench' } } }), 'application/merge-patch+json');

    // The agent, as its Deployment runs it (log level info), with an inspector port for later.
    agent = startNode([
      '--inspect-port=127.0.0.1:0', ...(o.agentNodeArgs ?? []), kplaneBin(), 'syncer',
      '--upstream-kubeconfig', upstreamKubeconfig, '--downstream-kubeconfig', path.join(member.dataDir, 'admin.kubeconfig'), '--log-level', 'info',
    ]);
    await until('the SyncTarget to be Ready', 30_000, async () => {
      const st = await expectOk(h, 'GET', `${compute}/apis/sync.kplane.io/v1alpha1/synctargets/${TARGET_NAME}`);
      return (st.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True') || undefined;
    }, 100, agentLog);

    // The tenant: a placed namespace, and an unplaced one for the relay.
    await expectOk(h, 'POST', `${team}/api/v1/namespaces`, JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: PLACED, labels: { env: 'bench' } } }));
    await expectOk(h, 'POST', `${team}/api/v1/namespaces`, JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: RELAY_SOURCE } }));
    await expectOk(h, 'POST', `${team}/apis/sync.kplane.io/v1alpha1/placements`, JSON.stringify({
      apiVersion: 'sync.kplane.io/v1alpha1', kind: 'Placement', metadata: { name: 'bench' },
      spec: { namespaceSelector: { matchLabels: { env: 'bench' } }, location: { workspace: 'root:compute', selector: { matchLabels: { region: 'bench' } } } },
    }));
    const memberNs = await until('the Placement decision', 30_000, async () => {
      const p = await expectOk(h, 'GET', `${team}/apis/sync.kplane.io/v1alpha1/placements/bench`);
      return p.status?.decisions?.find((d: any) => d.namespace === PLACED)?.downstreamNamespace as string | undefined;
    }, 100, agentLog);
    await until(`the mapped namespace ${memberNs} on the member`, 30_000, async () => ((await call(m, 'GET', `/clusters/root/api/v1/namespaces/${memberNs}`)).status === 200) || undefined, 100, agentLog);

    // The relay: its own plain namespace on the member.
    await expectOk(m, 'POST', '/clusters/root/api/v1/namespaces', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: RELAY_COPY } }));
    const relayConfig: RelayConfig = {
      hub: { origin: h.origin, caPem: h.caPem, token: h.token! },
      from: `${team}/api/v1/namespaces/${RELAY_SOURCE}/configmaps`,
      member: { origin: m.origin, caPem: m.caPem, token: m.token! },
      to: `/clusters/root/api/v1/namespaces/${RELAY_COPY}/configmaps`,
    };
    const relayConfigFile = path.join(dir, 'relay.json');
    fs.writeFileSync(relayConfigFile, JSON.stringify(relayConfig));
    relay = startNode([path.join(path.dirname(fileURLToPath(import.meta.url)), 'relay.js'), relayConfigFile]);
    await relay.waitFor('ready', 10_000);
    const relayLog = () => `\n--- relay output (last 4000 chars)\n${relay!.output().slice(-4000)}`;

    const placedPath = `${team}/api/v1/namespaces/${PLACED}/configmaps`;
    const agentCopies = await FirstSeen.copies(m, `/clusters/root/api/v1/namespaces/${memberNs}/configmaps`);
    watches.push(agentCopies);
    const relayCopies = await FirstSeen.copies(m, `/clusters/root/api/v1/namespaces/${RELAY_COPY}/configmaps`);
    watches.push(relayCopies);
    const applied = await FirstSeen.applied(h, placedPath);
    watches.push(applied);
    const setupSeconds = (performance.now() - setup0) / 1000;

    const sides = {
      agent: { src: placedPath, copies: agentCopies, pid: agent.pid, log: agentLog },
      relay: { src: relayConfig.from, copies: relayCopies, pid: relay.pid, log: relayLog },
    };
    const series = { paced: { agent: new Series(), relay: new Series() }, burst: { agent: new Series(), relay: new Series() } };
    const cpuNow = (pid: number) => ({ self: cpuSeconds(pid), hub: cpuSeconds(hub!.pid), member: cpuSeconds(member!.pid) });
    let placed = 0; // ConfigMaps created in the placed namespace so far
    const nextName = { agent: 0, relay: 0 };
    /**
     * Creates `n` objects on one side (paced by one client, or as fast as `o.conns` clients go),
     * waits for their copies (and, for the agent, its conditions); adds them to `into` when timed.
     */
    const batch = async (side: 'agent' | 'relay', n: number, mode: 'paced' | 'burst', into?: Series): Promise<void> => {
      const s = sides[side];
      const names = Array.from({ length: n }, (_, i) => cmName('cm', nextName[side] + i));
      nextName[side] += n;
      const body = (i: number) => configMapBody(names[i]!);
      const cpu0 = cpuNow(s.pid);
      const posted = mode === 'paced' ? await postPaced(h, s.src, body, n, o.pacedIntervalMs) : await postAll(h, s.src, body, n, o.conns);
      await s.copies.waitAll(`${n} copies`, names, o.timeoutMs, s.log);
      if (side === 'agent') {
        placed += n;
        // The agent's own work on these objects ends with its condition written back.
        await applied.waitAll(`the agent's Applied condition on ${n} workspace objects`, names, o.timeoutMs, s.log);
      }
      const cpu1 = cpuNow(s.pid);
      if (!into) return;
      into.cpu.self += cpu1.self - cpu0.self;
      into.cpu.hub += cpu1.hub - cpu0.hub;
      into.cpu.member += cpu1.member - cpu0.member;
      for (let i = 0; i < n; i++) {
        const d = s.copies.at.get(names[i]!)! - posted.acceptedAt[i]!;
        if (d < 0) into.clamped++;
        into.earliest = Math.min(into.earliest, d);
        into.samples.push(Math.max(0, d));
      }
      into.spans.push({ first: Math.min(...posted.sentAt), lastCopy: maxOf(names.map((nm) => s.copies.at.get(nm)!)), lastAccepted: maxOf(posted.acceptedAt) });
    };

    progress('warm-up');
    await batch('agent', o.warmup, 'burst');
    await batch('relay', o.warmup, 'burst');
    inspector = await RemoteInspector.attachPrinted(agent.pid, agent.output);
    const agentBaseline = await inspector.settled(o.settleMs);
    const baselineObjects = placed;

    const rounds = (total: number, mode: 'paced' | 'burst') => async () => {
      const per = Math.ceil(total / o.rounds);
      for (let r = 0; r < o.rounds; r++) {
        const n = Math.min(per, total - r * per);
        progress(`${mode} ${r + 1}/${o.rounds}`);
        // Alternate which side goes first.
        const order: Array<'agent' | 'relay'> = r % 2 === 0 ? ['agent', 'relay'] : ['relay', 'agent'];
        for (const side of order) await batch(side, n, mode, series[mode][side]);
      }
    };
    await rounds(o.paced, 'paced')();
    await rounds(o.count, 'burst')();

    // Memory: fill the placed namespace up to `objects`, wait until all are synced, settle, read.
    const fill = o.objects - placed;
    progress(`fill to ${o.objects}`);
    const fillNames = Array.from({ length: fill }, (_, i) => cmName('cm', nextName.agent + i));
    nextName.agent += fill;
    const f0 = performance.now();
    await postAll(h, placedPath, (i) => configMapBody(fillNames[i]!), fill, o.conns);
    const fillAcceptedSeconds = (performance.now() - f0) / 1000;
    await agentCopies.waitAll(`${fill} copies`, fillNames, o.timeoutMs, agentLog);
    const fillCopiedSeconds = (performance.now() - f0) / 1000;
    placed += fill;
    await applied.waitAll(`the agent's Applied condition on ${fill} workspace objects`, fillNames, o.timeoutMs, agentLog);
    const fillSyncedSeconds = (performance.now() - f0) / 1000;
    progress('memory');
    const agentMem = await inspector.settled(o.settleMs);

    // Ceiling: the bare process, measured the same way.
    bare = startNode(['--inspect-port=127.0.0.1:0', path.join(path.dirname(fileURLToPath(import.meta.url)), 'bareAgent.js')]);
    await bare.waitFor('ready', 10_000);
    bareInspector = await RemoteInspector.attachPrinted(bare.pid, bare.output);
    const bareMem = await bareInspector.settled(o.settleMs);

    const agentFigures = series.burst.agent.figures();
    const relayFigures = series.burst.relay.figures();
    return {
      count: o.count,
      rounds: o.rounds,
      warmup: o.warmup,
      conns: o.conns,
      agent: agentFigures,
      relay: relayFigures,
      p50Ratio: agentFigures.p50Ms / relayFigures.p50Ms,
      p99Ratio: agentFigures.p99Ms / relayFigures.p99Ms,
      paced: { count: o.paced, perSec: 1000 / o.pacedIntervalMs, agent: series.paced.agent.figures(), relay: series.paced.relay.figures() },
      memory: {
        objects: placed,
        agent: agentMem,
        agentBaseline,
        baselineObjects,
        bare: bareMem,
        rssPerObjectBytes: (agentMem.rss - bareMem.rss) / placed,
        heapUsedPerObjectBytes: (agentMem.heapUsed - bareMem.heapUsed) / placed,
        rssGrowthPerObjectBytes: (agentMem.rss - agentBaseline.rss) / (placed - baselineObjects),
        heapUsedGrowthPerObjectBytes: (agentMem.heapUsed - agentBaseline.heapUsed) / (placed - baselineObjects),
        fillObjects: fill,
        fillAcceptedSeconds,
        fillCopiedSeconds,
        fillSyncedSeconds,
      },
      setupSeconds,
    };
  } catch (e) {
    // Say how the processes ended and what they last wrote.
    for (const [name, s] of [['hub', hub], ['member', member]] as const) {
      if (s && (s.proc.exitCode !== null || s.proc.signalCode !== null)) process.stderr.write(`\n${name} exited (${s.proc.exitCode ?? s.proc.signalCode}):\n${s.output().slice(-4000)}\n`);
    }
    if (agent) process.stderr.write(`\n--- agent output (last 4000 chars)\n${agent.output().slice(-4000)}\n`);
    if (relay) process.stderr.write(`\n--- relay output (last 2000 chars)\n${relay.output().slice(-2000)}\n`);
    throw e;
  } finally {
    inspector?.close();
    bareInspector?.close();
    for (const w of watches) await w.close().catch(() => undefined);
    await Promise.all([agent?.stop(), relay?.stop(), bare?.stop()]);
    await Promise.all([hub?.stop(), member?.stop()]);
  }
}
