// Client side of the workspace benchmarks: POST Workspaces into a parent workspace from `conns`
// keep-alive connections, and follow them on one watch until each is Ready (what
// `kubectl ws create --wait` waits for), noting when each was accepted and when it was Ready.

import { Client, Pool } from 'undici';
import { headers, type Target } from './target.js';

export const WORKSPACES_API = '/apis/tenancy.kcp.io/v1alpha1/workspaces';

export function workspaceBody(name: string): string {
  return JSON.stringify({ apiVersion: 'tenancy.kcp.io/v1alpha1', kind: 'Workspace', metadata: { name } });
}

/** The resourceVersion of a list of the Workspaces in `parent` (a revision to watch from). */
export async function listRevision(t: Target, parent: string): Promise<string> {
  const pool = new Pool(t.origin, { connections: 1, connect: { ca: t.caPem }, allowH2: false });
  try {
    const res = await pool.request({ method: 'GET', path: `/clusters/${parent}${WORKSPACES_API}?limit=1`, headers: headers(t) });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`list workspaces in ${parent}: ${res.statusCode} ${text.slice(0, 300)}`);
    return JSON.parse(text).metadata.resourceVersion;
  } finally {
    await pool.close();
  }
}

/** One watch on the Workspaces of `parent`, recording when each wanted name is first Ready. */
export class ReadyWatch {
  /** name → performance.now() when the watch delivered it Ready. */
  readonly readyAt = new Map<string, number>();
  /** name → its logical cluster id (spec.cluster). */
  readonly clusterOf = new Map<string, string>();
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private rejectDone!: (e: Error) => void;

  private constructor(
    private readonly client: Client,
    private readonly wanted: Set<string>,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => undefined);
    if (wanted.size === 0) this.resolveDone();
  }

  static async open(t: Target, parent: string, fromRv: string, names: Iterable<string>): Promise<ReadyWatch> {
    const client = new Client(t.origin, { connect: { ca: t.caPem }, allowH2: false, bodyTimeout: 0, headersTimeout: 0 });
    const w = new ReadyWatch(client, new Set(names));
    const res = await client.request({ method: 'GET', path: `/clusters/${parent}${WORKSPACES_API}?watch=true&resourceVersion=${fromRv}`, headers: headers(t) });
    if (res.statusCode !== 200) {
      const text = await res.body.text();
      await client.destroy();
      throw new Error(`watch workspaces in ${parent}: ${res.statusCode} ${text.slice(0, 300)}`);
    }
    res.body.setEncoding('utf8');
    void (async () => {
      let buf = '';
      try {
        for await (const chunk of res.body) {
          buf += chunk as string;
          for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
            w.line(buf.slice(0, i));
            buf = buf.slice(i + 1);
          }
        }
        w.rejectDone(new Error(`the watch on ${parent} ended with ${w.wanted.size - w.readyAt.size} workspaces not Ready`));
      } catch (e) {
        w.rejectDone(e as Error);
      }
    })();
    return w;
  }

  private line(line: string): void {
    if (line.startsWith('{"type":"ERROR"')) {
      this.rejectDone(new Error(`watch error: ${line.slice(0, 300)}`));
      return;
    }
    // Only a Ready object is of interest; most events are the steps before it.
    if (!line.includes('"Ready"')) return;
    const ev = JSON.parse(line);
    const o = ev.object;
    const name: string = o?.metadata?.name;
    if (o?.status?.phase !== 'Ready' || !this.wanted.has(name) || this.readyAt.has(name)) return;
    this.readyAt.set(name, performance.now());
    this.clusterOf.set(name, o.spec.cluster);
    if (this.readyAt.size === this.wanted.size) this.resolveDone();
  }

  /** Resolves when every wanted name was Ready; rejects after `timeoutMs`. */
  async wait(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.done,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${this.wanted.size - this.readyAt.size} of ${this.wanted.size} workspaces not Ready after ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.client.destroy();
  }
}

export interface PostTimes {
  /** performance.now() when each POST was sent / answered 201, by index in `names`. */
  sentAt: number[];
  acceptedAt: number[];
}

/** POSTs `bodies` to `path` from `conns` keep-alive connections; throws on any non-201. */
export async function postAll(t: Target, path: string | ((i: number) => string), bodies: (i: number) => string, n: number, conns: number): Promise<PostTimes> {
  const pool = new Pool(t.origin, { connections: conns, pipelining: 1, connect: { ca: t.caPem }, allowH2: false, keepAliveTimeout: 60_000 });
  const sentAt = new Array<number>(n);
  const acceptedAt = new Array<number>(n);
  const hdrs = headers(t, { 'content-type': 'application/json' });
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(conns, n) }, async () => {
        for (let i = next++; i < n; i = next++) {
          const body = bodies(i);
          const p = typeof path === 'string' ? path : path(i);
          sentAt[i] = performance.now();
          const res = await pool.request({ method: 'POST', path: p, headers: hdrs, body });
          const text = await res.body.text();
          if (res.statusCode !== 201) throw new Error(`POST ${p}: ${res.statusCode} ${text.slice(0, 300)}`);
          acceptedAt[i] = performance.now();
        }
      }),
    );
  } finally {
    await pool.close();
  }
  return { sentAt, acceptedAt };
}

export interface CreatedWorkspaces extends PostTimes {
  /** performance.now() when each was Ready, by index in `names`. */
  readyAt: number[];
  /** Logical cluster id of each, by index in `names`. */
  clusters: string[];
}

/** Creates `names` in `parent` and waits until all are Ready. */
export async function createWorkspaces(t: Target, parent: string, names: string[], conns: number, timeoutMs: number): Promise<CreatedWorkspaces> {
  const watch = await ReadyWatch.open(t, parent, await listRevision(t, parent), names);
  try {
    const posted = await postAll(t, `/clusters/${parent}${WORKSPACES_API}`, (i) => workspaceBody(names[i]!), names.length, conns);
    await watch.wait(timeoutMs);
    return { ...posted, readyAt: names.map((n) => watch.readyAt.get(n)!), clusters: names.map((n) => watch.clusterOf.get(n)!) };
  } finally {
    await watch.close();
  }
}
