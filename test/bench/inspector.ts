// Memory of another Node process, measured from outside: the process is started with
// `--inspect-port=127.0.0.1:<port>` (which opens nothing), and the benchmark turns its inspector on
// with SIGUSR1 only when it first measures. With port 0 the inspector takes a port of its own when
// it is turned on and prints its address (attachPrinted), so no port chosen in advance can have
// been taken by another process meanwhile. Either way the inspected process's pid is checked. Through the inspector protocol it forces a full garbage
// collection (HeapProfiler.collectGarbage) and reads process.memoryUsage() inside that process.
// Nothing of this runs while the timed figures are taken.

import { WebSocket } from 'undici';

export interface MemorySample {
  /** Resident set size, bytes (process.memoryUsage().rss in the measured process). */
  rss: number;
  heapUsed: number;
  heapTotal: number;
  /** C++ objects bound to JS, Buffers included (process.memoryUsage().external). */
  external: number;
  arrayBuffers: number;
}

export class RemoteInspector {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();

  private constructor(private readonly ws: WebSocket) {
    ws.addEventListener('message', (ev: any) => {
      const msg = JSON.parse(String(ev.data));
      const p = msg.id !== undefined ? this.pending.get(msg.id) : undefined;
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`inspector: ${JSON.stringify(msg.error)}`));
      else p.resolve(msg.result);
    });
  }

  /** Turns on the inspector of `pid` (SIGUSR1) and connects to it on 127.0.0.1:`port`. */
  static async attach(pid: number, port: number, timeoutMs = 10_000): Promise<RemoteInspector> {
    process.kill(pid, 'SIGUSR1');
    const deadline = Date.now() + timeoutMs;
    let url: string | undefined;
    while (!url) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/json/list`);
        const targets = (await res.json()) as Array<{ webSocketDebuggerUrl?: string }>;
        url = targets.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
      } catch {
        // not listening yet
      }
      if (!url) {
        if (Date.now() > deadline) throw new Error(`the inspector of process ${pid} did not come up on port ${port}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return RemoteInspector.connect(pid, url);
  }

  /**
   * Turns on the inspector of `pid`, started with `--inspect-port=127.0.0.1:0`, and connects to the
   * address it prints on stderr ("Debugger listening on ws://…"), read through `output`. Once per
   * process: the first such line is taken.
   */
  static async attachPrinted(pid: number, output: () => string, timeoutMs = 10_000): Promise<RemoteInspector> {
    process.kill(pid, 'SIGUSR1');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const url = /Debugger listening on (ws:\/\/\S+)/.exec(output())?.[1];
      if (url) return RemoteInspector.connect(pid, url);
      if (Date.now() > deadline) throw new Error(`the inspector of process ${pid} did not say where it listens:\n${output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private static async connect(pid: number, url: string): Promise<RemoteInspector> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve(), { once: true });
      ws.addEventListener('error', (e: any) => reject(new Error(`inspector websocket: ${e?.message ?? e}`)), { once: true });
    });
    const inspector = new RemoteInspector(ws);
    // Another process may hold the port: make sure this is the one meant.
    const r = await inspector.send('Runtime.evaluate', { expression: 'process.pid', returnByValue: true });
    if (r.result?.value !== pid) {
      inspector.close();
      throw new Error(`the inspector at ${url} belongs to process ${r.result?.value}, not ${pid}`);
    }
    return inspector;
  }

  send(method: string, params: object = {}): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  async gc(): Promise<void> {
    await this.send('HeapProfiler.collectGarbage');
  }

  async memoryUsage(): Promise<MemorySample> {
    const r = await this.send('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    const m = JSON.parse(r.result.value);
    return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
  }

  /** A settled figure: full GC, `idleMs` with no load, full GC again, then the sample. */
  async settled(idleMs: number): Promise<MemorySample> {
    await this.gc();
    await new Promise((r) => setTimeout(r, idleMs));
    await this.gc();
    await this.gc();
    return this.memoryUsage();
  }

  close(): void {
    this.ws.close();
    for (const p of this.pending.values()) p.reject(new Error('inspector closed'));
    this.pending.clear();
  }
}
