// (e) Deleting a tree of workspaces: `orgs` workspaces in root, `teams` in each org, `leaves` in
// each team, every one of them Ready and holding `configMaps` 1 KB ConfigMaps in its default
// namespace (besides what every workspace holds). Timed: from just before the DELETEs of the org
// Workspaces leave (all at once, one request each) until every logical cluster of the tree is empty
// and the org Workspace objects are gone, both read from kplane's database (a read-only connection
// in this process, polled every 20 ms: the Store's clusterKeys of every tree cluster empty). Then
// a GET into the deleted workspaces, by path and by id, must answer 404 (or 403).

import Database from 'better-sqlite3';
import path from 'node:path';
import { configMapBody } from './objects.js';
import { call, type Target } from './target.js';
import { WORKSPACES_API, createWorkspaces, postAll } from './wsClient.js';
import type { KplaneProcess } from './workspaces.js';

export interface TreeOptions {
  orgs: number;
  teams: number;
  leaves: number;
  configMaps: number;
  conns: number;
  timeoutMs: number;
}

export interface TreeResult {
  orgs: number;
  teams: number;
  leaves: number;
  /** Every workspace of the tree (orgs + teams + leaves). */
  workspaces: number;
  configMapsPerWorkspace: number;
  /** Objects in the tree's logical clusters just before the delete. */
  objects: number;
  createSeconds: number;
  deleteSeconds: number;
  workspacesPerSec: number;
  objectsPerSec: number;
  /** deleteSeconds scaled to 1,000 workspaces (what the target and guard are set on). */
  secondsPer1000: number;
}

/** Runs `f` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, f: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await f(items[i]!);
    }),
  );
}

export async function benchTree(kp: KplaneProcess, o: TreeOptions, progress: (s: string) => void = () => undefined): Promise<TreeResult> {
  const t: Target = kp.target;
  const created = performance.now();
  const orgNames = Array.from({ length: o.orgs }, (_, i) => `tree-org-${i}`);
  const level = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  const clusters: string[] = [];
  const paths: string[] = [];

  progress('creating the tree');
  const orgs = await createWorkspaces(t, 'root', orgNames, Math.min(o.conns, o.orgs), o.timeoutMs);
  clusters.push(...orgs.clusters);
  const orgPaths = orgNames.map((n) => `root:${n}`);
  paths.push(...orgPaths);
  const teamPaths: string[] = [];
  await eachLimited(orgPaths, 10, async (p) => {
    const names = level('team', o.teams);
    const r = await createWorkspaces(t, p, names, Math.min(5, o.teams), o.timeoutMs);
    clusters.push(...r.clusters);
    teamPaths.push(...names.map((n) => `${p}:${n}`));
  });
  paths.push(...teamPaths);
  await eachLimited(teamPaths, 10, async (p) => {
    const names = level('leaf', o.leaves);
    const r = await createWorkspaces(t, p, names, Math.min(5, o.leaves), o.timeoutMs);
    clusters.push(...r.clusters);
    paths.push(...names.map((n) => `${p}:${n}`));
  });
  const total = o.orgs + o.orgs * o.teams + o.orgs * o.teams * o.leaves;
  if (clusters.length !== total || clusters.some((c) => !c)) throw new Error(`tree: ${clusters.length} logical clusters, expected ${total}`);

  progress('content');
  if (o.configMaps > 0) {
    await postAll(
      t,
      (i) => `/clusters/${clusters[Math.floor(i / o.configMaps)]}/api/v1/namespaces/default/configmaps`,
      (i) => configMapBody(`cm-${i % o.configMaps}`),
      total * o.configMaps,
      o.conns,
    );
  }
  const createSeconds = (performance.now() - created) / 1000;

  const db = new Database(path.join(kp.dataDir, 'kplane.db'), { readonly: true });
  try {
    const ids = JSON.stringify(clusters);
    const tops = JSON.stringify(orgNames);
    const objectsLeft = db.prepare('SELECT COUNT(*) FROM objects WHERE cluster IN (SELECT value FROM json_each(?))').pluck();
    const topsLeft = db
      .prepare(`SELECT COUNT(*) FROM objects WHERE cluster = 'root' AND resource = 'tenancy.kcp.io/workspaces' AND namespace = '' AND name IN (SELECT value FROM json_each(?))`)
      .pluck();
    const objects = Number(objectsLeft.get(ids));

    progress(`deleting ${total} workspaces, ${objects} objects`);
    const t0 = performance.now();
    const deletes = orgNames.map(async (n) => {
      const r = await call(t, 'DELETE', `/clusters/root${WORKSPACES_API}/${n}`);
      if (r.status !== 200 && r.status !== 202) throw new Error(`DELETE workspace ${n}: ${r.status} ${r.text.slice(0, 300)}`);
    });
    await Promise.all(deletes);
    let end: number | undefined;
    while (end === undefined) {
      if (Number(objectsLeft.get(ids)) === 0 && Number(topsLeft.get(tops)) === 0) end = performance.now();
      else if (performance.now() - t0 > o.timeoutMs) {
        throw new Error(`tree delete: after ${o.timeoutMs} ms, ${Number(objectsLeft.get(ids))} objects and ${Number(topsLeft.get(tops))} org workspaces are left`);
      } else await new Promise((r) => setTimeout(r, 20));
    }
    const deleteSeconds = (end - t0) / 1000;

    // The deleted workspaces are gone from the API too: by path and by logical cluster id.
    for (const p of [paths[0]!, paths[paths.length - 1]!, clusters[clusters.length - 1]!]) {
      const r = await call(t, 'GET', `/clusters/${p}/api/v1/namespaces`);
      if (r.status !== 404 && r.status !== 403) throw new Error(`GET /clusters/${p}/api/v1/namespaces after the delete: ${r.status}`);
    }

    return {
      orgs: o.orgs,
      teams: o.teams,
      leaves: o.leaves,
      workspaces: total,
      configMapsPerWorkspace: o.configMaps,
      objects,
      createSeconds,
      deleteSeconds,
      workspacesPerSec: total / deleteSeconds,
      objectsPerSec: objects / deleteSeconds,
      secondsPer1000: (deleteSeconds * 1000) / total,
    };
  } finally {
    db.close();
  }
}
