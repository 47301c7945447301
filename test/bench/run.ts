// `npm run bench`: kplane's figures beside ceilings measured in the same run on the same machine.
//
//   npm run bench                      full run (about 4½ minutes)
//   npm run bench -- --quick           CI run (45-65 s, smaller N); exits 1 on a regression
//   npm run bench -- --out FILE        where the JSON goes (default test/bench/results/latest.json)
//   npm run bench -- --only creates,list,get,watch,curve,workspaces,tree,validation,syncer
//                                      (workspaces = (d) and (e); tree = (e) alone)
//   npm run bench -- --cpu-prof        also write a CPU profile of the kplane process (and of the syncer agent)
//   npm run bench -- --node-arg=FLAG   pass a node flag to the kplane process (experiments)
//
// kplane runs as a child process (`node bin/kplane serve`, fresh data dir, log level warn); the
// ceiling server (ceilingServer.ts) is a child process too; the load generator and the watch
// clients run in this process. All three share the machine's cores. The cost curve (f) gets a
// kplane and a ceiling server of their own (fresh data dirs: its store must start empty), and so do
// (d) and (e) (a kplane started with --inspect-port so that its memory can be read from outside);
// each pair starts after the previous one has stopped. The syncer (h) comes last, with processes of
// its own: a hub, a member cluster, the agent and its ceilings (a relay, a bare process), see
// syncer.ts. Any figure beyond its guard (see report.ts) makes the run exit 1, in either mode.
// plotCurves.ts draws the curve from the JSON.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, kplaneBin, startChildServer, type ChildServer } from '../support/childServer.js';
import { startCeilingServer, type CeilingServer } from './ceilingServer.js';
import { benchCreates } from './creates.js';
import { benchCurve } from './curve.js';
import { benchFanout } from './fanout.js';
import { benchGets } from './gets.js';
import { benchList } from './list.js';
import { benchTree } from './tree.js';
import { benchSyncer } from './syncer.js';
import { benchWorkspaces } from './workspaces.js';
import { benchValidation } from './validation.js';
import { describeMachine, machineInfo } from './machine.js';
import { checks, describeCheck, table, TARGETS, type Results } from './report.js';
import { createConfigMaps, type Target } from './target.js';

interface Args {
  quick: boolean;
  out: string;
  only: Set<string>;
  cpuProf: boolean;
  /** Extra node flags for the kplane process (experiments: --node-arg=--max-semi-space-size=64). */
  nodeArgs: string[];
}

function parseArgs(argv: string[]): Args {
  const root = path.dirname(path.dirname(kplaneBin()));
  const a: Args = { quick: false, out: path.join(root, 'test', 'bench', 'results', 'latest.json'), only: new Set(SELECTORS), cpuProf: false, nodeArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') a.quick = true;
    else if (arg === '--cpu-prof') a.cpuProf = true;
    else if (arg === '--out') a.out = path.resolve(argv[++i] ?? '');
    else if (arg.startsWith('--out=')) a.out = path.resolve(arg.slice(6));
    else if (arg.startsWith('--node-arg=')) a.nodeArgs.push(arg.slice('--node-arg='.length));
    else if (arg === '--only') a.only = selectors(argv[++i] ?? '');
    else if (arg.startsWith('--only=')) a.only = selectors(arg.slice(7));
    else throw new Error(`unknown argument ${arg} (known: --quick, --out FILE, --only ${SELECTORS.join(',')}, --cpu-prof, --node-arg=FLAG)`);
  }
  return a;
}

const SELECTORS = ['creates', 'list', 'get', 'watch', 'curve', 'workspaces', 'tree', 'validation', 'syncer'];

function selectors(list: string): Set<string> {
  const s = new Set(list.split(',').filter(Boolean));
  for (const x of s) if (!SELECTORS.includes(x)) throw new Error(`--only: unknown benchmark ${x} (known: ${SELECTORS.join(', ')})`);
  // "workspaces" is the whole workspace suite: (d) and (e).
  if (s.has('workspaces')) s.add('tree');
  return s;
}

const PARAMS = {
  full: {
    creates: { rounds: 3, conns: 50, warmupMs: 1000, durationMs: 5000 },
    list: { count: 10_000, runs: 30 },
    get: { objects: 10_000, conns: 50, warmupMs: 500, durationMs: 1500, rounds: 5 },
    watch: { watchers: 1000, rounds: 9 },
    curve: {
      sizes: [1000, 10_000, 100_000],
      listCount: 1000,
      listRuns: 20,
      gets: { conns: 50, warmupMs: 300, durationMs: 1000, rounds: 5 },
      watch: { watchers: 1000, rounds: 7 },
      creates: { conns: 50, count: 1000, rounds: 7 },
      warmup: { gets: { conns: 50, warmupMs: 0, durationMs: 1000, rounds: 1 }, listRuns: 3, watch: { watchers: 100, rounds: 2 }, creates: { conns: 50, count: 1000, rounds: 0 } },
    },
    workspaces: { count: 10_000, conns: 50, warmup: 200, settleMs: 5000, timeoutMs: 600_000 },
    tree: { orgs: 10, teams: 10, leaves: 10, configMaps: 10, conns: 50, timeoutMs: 600_000 },
    validation: { objects: 2000, rounds: 15 },
    syncer: { count: 1000, rounds: 4, paced: 200, pacedIntervalMs: 20, warmup: 100, conns: 10, objects: 5000, settleMs: 3000, timeoutMs: 120_000 },
  },
  quick: {
    creates: { rounds: 1, conns: 50, warmupMs: 300, durationMs: 1500 },
    list: { count: 2000, runs: 7 },
    get: { objects: 2000, conns: 50, warmupMs: 100, durationMs: 300, rounds: 3 },
    watch: { watchers: 200, rounds: 3 },
    curve: {
      sizes: [1000, 5000],
      listCount: 1000,
      listRuns: 5,
      gets: { conns: 50, warmupMs: 100, durationMs: 250, rounds: 3 },
      watch: { watchers: 100, rounds: 3 },
      creates: { conns: 50, count: 500, rounds: 2 },
      warmup: { gets: { conns: 50, warmupMs: 0, durationMs: 200, rounds: 1 }, listRuns: 1, watch: { watchers: 50, rounds: 1 }, creates: { conns: 50, count: 300, rounds: 0 } },
    },
    workspaces: { count: 500, conns: 50, warmup: 50, settleMs: 1500, timeoutMs: 120_000 },
    tree: { orgs: 4, teams: 4, leaves: 5, configMaps: 5, conns: 50, timeoutMs: 120_000 },
    validation: { objects: 1000, rounds: 5 },
    syncer: { count: 500, rounds: 2, paced: 100, pacedIntervalMs: 20, warmup: 50, conns: 10, objects: 1000, settleMs: 1500, timeoutMs: 60_000 },
  },
};

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const params = args.quick ? PARAMS.quick : PARAMS.full;
  const machine = machineInfo();
  const started = new Date();
  console.log(`kplane bench (${args.quick ? 'quick' : 'full'}), ${started.toISOString()}`);
  console.log(`machine: ${describeMachine(machine)}`);
  console.log('kplane: child process `node bin/kplane serve` on a fresh data dir; ceiling: child process, bare fastify with the same TLS setup;');
  console.log('load generator and watch clients: this process (all share the same cores)\n');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-bench-'));
  const profDir = path.join(path.dirname(args.out), 'profiles');
  let kp: ChildServer | undefined;
  let ceiling: CeilingServer | undefined;
  const results: Results = {};
  try {
    if (args.only.has('validation')) {
      // In this process, before any server starts: nothing else competes for the CPU.
      const p = params.validation;
      process.stdout.write(`(g) schema validation: ${p.objects} objects × ${p.rounds} rounds …`);
      results.validation = benchValidation(p);
      const v = results.validation;
      console.log(` Deployment ${v.deployment.usPerObject} µs, CronTab ${v.customResource.usPerObject} µs per object`);
    }
    const dataDir = path.join(dir, 'kplane');
    const firstSuite = ['creates', 'list', 'get', 'watch'].some((x) => args.only.has(x));
    if (firstSuite) {
      kp = await startChildServer({
        dataDir,
        port: await freePort(),
        nodeArgs: [...args.nodeArgs, ...(args.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])],
      });
      ceiling = await startCeilingServer(dataDir, path.join(dir, 'ceiling.db'));
      const kplane: Target = { origin: kp.baseURL, caPem: kp.caPem, token: kp.token };
      const ceil: Target = { origin: `https://127.0.0.1:${ceiling.port}`, caPem: kp.caPem };

      if (args.only.has('creates')) {
        process.stdout.write(`(a) creates: ${params.creates.rounds} round(s) × ${params.creates.durationMs / 1000} s per side …`);
        results.creates = await benchCreates(kplane, ceil, params.creates);
        console.log(` kplane ${Math.round(results.creates.kplane.rate)}/s, ceiling ${Math.round(results.creates.ceiling.rate)}/s`);
      }
      if (args.only.has('list')) {
        process.stdout.write(`(b) list: ${params.list.count} objects, ${params.list.runs} runs …`);
        results.list = await benchList(kplane, ceil, dataDir, params.list);
        console.log(` kplane ${results.list.kplane.medianMs.toFixed(1)} ms, scan+parse ${results.list.rawScanParse.medianMs.toFixed(1)} ms`);
      }
      if (args.only.has('get')) {
        const p = params.get;
        process.stdout.write(`(b) get: ${p.objects} objects, ${p.conns} clients, ${p.rounds} round(s) × ${p.durationMs / 1000} s per side …`);
        const objects = await createConfigMaps(kplane, 'bench-get', 0, p.objects);
        results.get = await benchGets(kplane, ceil, objects, p);
        console.log(` p99 kplane ${results.get.kplane.p99Ms.toFixed(1)} ms, ceiling ${results.get.ceiling.p99Ms.toFixed(1)} ms`);
      }
      if (args.only.has('watch')) {
        process.stdout.write(`(c) watch: ${params.watch.watchers} watchers, ${params.watch.rounds} rounds …`);
        results.watch = await benchFanout(kplane, ceil, params.watch);
        console.log(` kplane ${results.watch.kplane.lastMs.toFixed(1)} ms, ceiling ${results.watch.ceiling.lastMs.toFixed(1)} ms`);
      }
      await ceiling.stop();
      ceiling = undefined;
      await kp.stop();
      kp = undefined;
    }

    if (args.only.has('curve')) {
      // A kplane and a ceiling server of their own: the store must start empty.
      const curveDataDir = path.join(dir, 'kplane-curve');
      kp = await startChildServer({
        dataDir: curveDataDir,
        port: await freePort(),
        nodeArgs: [...args.nodeArgs, ...(args.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])],
      });
      ceiling = await startCeilingServer(curveDataDir, path.join(dir, 'ceiling-curve.db'));
      const kplane: Target = { origin: kp.baseURL, caPem: kp.caPem, token: kp.token };
      const ceil: Target = { origin: `https://127.0.0.1:${ceiling.port}`, caPem: kp.caPem };
      const p = params.curve;
      process.stdout.write(`(f) cost curve: ${p.sizes.join(', ')} stored objects …`);
      const t0 = performance.now();
      results.curve = await benchCurve(kplane, ceil, curveDataDir, p, (s) => process.stdout.write(` ${s} (${((performance.now() - t0) / 1000).toFixed(1)} s) …`));
      console.log(' done');
      await ceiling.stop();
      ceiling = undefined;
      await kp.stop();
      kp = undefined;
    }

    if (args.only.has('workspaces') || args.only.has('tree')) {
      // A kplane process of its own: fresh data dir, nothing from (a)–(c) in its memory or page cache.
      const inspectPort = await freePort();
      const wsDataDir = path.join(dir, 'kplane-workspaces');
      kp = await startChildServer({
        dataDir: wsDataDir,
        port: await freePort(),
        nodeArgs: [...args.nodeArgs, `--inspect-port=127.0.0.1:${inspectPort}`, ...(args.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])],
      });
      const proc = { target: { origin: kp.baseURL, caPem: kp.caPem, token: kp.token }, pid: kp.pid, inspectPort, dataDir: wsDataDir };
      const step = (s: string) => process.stdout.write(` ${s} …`);
      if (args.only.has('workspaces')) {
        const p = params.workspaces;
        process.stdout.write(`(d) workspaces: ${p.count} by ${p.conns} clients …`);
        results.workspaces = await benchWorkspaces(proc, p, step);
        const w = results.workspaces;
        console.log(
          ` Ready ${Math.round(w.kplane.readyPerSec)}/s (ceiling ${Math.round(w.ceiling.workspacesPerSec)}/s), ` +
            `RSS ${w.memory.rssPerWorkspaceKiB.toFixed(1)} KiB/workspace (ceiling ${w.memoryCeiling.rssPerWorkspaceKiB.toFixed(1)})`,
        );
      }
      if (args.only.has('tree')) {
        const p = params.tree;
        process.stdout.write(`(e) tree delete: ${p.orgs}×${p.teams}×${p.leaves} …`);
        results.tree = await benchTree(proc, p, step);
        console.log(` ${results.tree.deleteSeconds.toFixed(2)} s for ${results.tree.workspaces} workspaces`);
      }
      await kp.stop();
      kp = undefined;
    }

    if (args.only.has('syncer')) {
      // A hub, a member cluster, the agent, the relay and the bare process of its own (syncer.ts
      // starts and stops them all, also on failure).
      const p = params.syncer;
      process.stdout.write(`(h) syncer: ${p.count} objects per side in ${p.rounds} rounds, ${p.conns} clients; memory at ${p.objects} …`);
      const agentNodeArgs = args.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
      results.syncer = await benchSyncer(path.join(dir, 'syncer'), { ...p, agentNodeArgs }, (s) => process.stdout.write(` ${s} …`));
      const s = results.syncer;
      console.log(
        ` write → copy p99 ${s.agent.p99Ms.toFixed(1)} ms (relay ${s.relay.p99Ms.toFixed(1)} ms), ` +
          `agent ${((s.memory.agent.rss - s.memory.bare.rss) / 1048576).toFixed(1)} MiB above a bare process at ${s.memory.objects} objects`,
      );
    }
  } catch (e) {
    // A failed request is often kplane gone: say how it ended and what it last wrote.
    if (kp) {
      const ended = await Promise.race([kp.exited, new Promise((r) => setTimeout(() => r(undefined), 100))]);
      console.error(`\nkplane ${ended ? `exited: ${JSON.stringify(ended)}` : 'is still running'}; its last output:\n${kp.output().slice(-4000)}`);
    }
    throw e;
  } finally {
    await ceiling?.stop();
    await kp?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  console.log('');
  console.log(table(results));
  const cs = checks(results);
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(
    args.out,
    JSON.stringify(
      {
        date: started.toISOString(),
        mode: args.quick ? 'quick' : 'full',
        machine,
        setup: {
          kplane: 'child process: node bin/kplane serve (fresh data dir, --log-level warn)',
          ceiling: 'child process: fastify 5, http2 + allowHTTP1 over TLS with kplane’s certificate; better-sqlite3 WAL, synchronous=FULL, one transaction per row; GET: one point read of the same row in kplane’s database file + JSON.parse/stringify',
          curve:
            '(f): a kplane and a ceiling server of their own (fresh data dirs), filled step by step to each size; creates are bursts removed again after each, the ceiling’s insert table seeded to the same size',
          client: 'undici Pools in the benchmark process, HTTP/1.1 keep-alive; shares the CPUs with both servers',
          workspaces:
            '(d) and (e): a second kplane child process (fresh data dir, --inspect-port; memory read through its inspector after forced GC + idle); ' +
            'rate ceiling: ConfigMaps of the same mean stored size, as many as kplane wrote per workspace, POSTed to that kplane; ' +
            'memory ceiling: a bare node process inserting the same rows with kplane’s schema and pragmas (test/bench/sqliteHolder.ts)',
          syncer:
            '(h): a hub and a member (kplane serve --simulate-workloads) of its own, the agent (kplane syncer, --inspect-port) as a child process; ' +
            'latency ceiling: a relay child process (one watch on an unplaced hub namespace, one POST of name+data per ADDED to a plain member namespace); ' +
            'memory ceiling: a bare node process that loads the agent’s libraries (commander, pino, undici, yaml) and holds nothing',
          params,
        },
        targets: TARGETS,
        results,
        checks: cs,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nresults: ${args.out}`);
  if (args.cpuProf) console.log(`kplane CPU profile(s): ${profDir}`);
  const broken = cs.filter((c) => !c.passesGuard);
  if (broken.length) {
    console.error(`REGRESSION: ${broken.map(describeCheck).join(', ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
