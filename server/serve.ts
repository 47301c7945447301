// `kplane serve`: data dir, PKI, admin token, store, bootstrap, controllers, HTTPS listener,
// admin kubeconfig, and a graceful shutdown on SIGTERM/SIGINT.

import fs from 'node:fs';
import path from 'node:path';
import pino, { Logger } from 'pino';
import { DEFAULT_COMPACTION, openSqliteStore } from '../storage/sqlite/index.js';
import { Store } from '../storage/store.js';
import { buildApp } from './app.js';
import { ensureAdminToken } from './auth/authenticate.js';
import { AuthenticationOptions, setUpAuthentication } from './auth/setup.js';
import { bootstrapRoot } from './bootstrap.js';
import { NamespaceLifecycle } from './controllers/namespaceLifecycle.js';
import { GarbageCollector } from './controllers/garbageCollector.js';
import { WorkspaceLifecycle } from './controllers/workspaceLifecycle.js';
import { DefaultServiceAccounts } from './controllers/serviceAccounts.js';
import { CrdCatalogues } from './crdCatalogues.js';
import { CrdLifecycle } from './controllers/crdLifecycle.js';
import { PlacementController } from './controllers/placement.js';
import { installNamespacedWriteHook } from '../apis/registry/writeHooks.js';
import { stampPlacedObjects } from './sync/stampOnWrite.js';
import { SyncTargetHealth } from './controllers/syncTargetHealth.js';
import { HealthCheck, HealthEndpoint } from './handlers/health.js';
import { WatchRegistry } from './handlers/watch.js';
import { RbacAuthorizer } from './authz/rbac/index.js';
import { StoreRbacSource } from './authz/rbac/storeSource.js';
import { NO_AUDIT, fileAudit } from './observability/audit.js';
import { Metrics } from './observability/metrics.js';
import { adminKubeconfig, writeKubeconfig } from './kubeconfig.js';
import { ensureServingPKI } from './pki.js';
import { StoreWorkspaces } from './workspaces.js';
import { WorkloadSimulator } from './simulate/simulator.js';

export interface ServeOptions {
  dataDir: string;
  /** host:port; port 0 picks a free port. */
  listen: string;
  logLevel?: string;
  /** Extra names for the serving certificate. */
  tlsSans?: string[];
  /** Where logs go (default stdout). */
  logDestination?: NodeJS.WritableStream;
  /** Audit log file ("-" for stdout, "" for none); default <data-dir>/audit.log. */
  auditLogPath?: string;
  /** Users, service account tokens, OIDC. */
  authentication?: AuthenticationOptions;
  /**
   * Behave like a member cluster that runs its workloads (server/simulate/): workloads report
   * ready, jobs complete, services get addresses, claims bind. Off by default: a control plane
   * leaves status to the clusters that run things.
   */
  simulateWorkloads?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  kubeconfigPath: string;
  token: string;
  caPem: string;
  store: Store;
  logger: Logger;
  close(): Promise<void>;
}

export function parseListen(listen: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(listen);
  if (!m) throw new Error(`--listen must be host:port, got "${listen}"`);
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port: Number(m[3]) };
}

function clientHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function serve(opts: ServeOptions): Promise<RunningServer> {
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logger = pino({ level: opts.logLevel ?? 'info', base: { component: 'kplane' } }, (opts.logDestination as pino.DestinationStream | undefined) ?? pino.destination(1));
  const { host, port } = parseListen(opts.listen);
  const hosts = [...new Set(['localhost', '127.0.0.1', '::1', ...(host && host !== '0.0.0.0' && host !== '::' ? [host] : []), ...(opts.tlsSans ?? [])])];
  const pki = await ensureServingPKI(path.join(dataDir, 'pki'), hosts);
  const token = ensureAdminToken(dataDir);
  const store = openSqliteStore({ path: path.join(dataDir, 'kplane.db'), logger: logger.child({ component: 'storage' }), compaction: DEFAULT_COMPACTION });
  const crds = new CrdCatalogues(store);
  await crds.start();
  const workspaces = new StoreWorkspaces(store, crds);
  await workspaces.start();

  let shuttingDown = false;
  let bootstrapped = false;
  const ping: HealthCheck = { name: 'ping', check: () => undefined };
  const log: HealthCheck = { name: 'log', check: () => undefined };
  const storage: HealthCheck = { name: 'sqlite', check: () => undefined };
  const shutdown: HealthCheck = { name: 'shutdown', check: () => (shuttingDown ? 'shutting down' : undefined) };
  const bootstrap: HealthCheck = { name: 'bootstrap', check: () => (bootstrapped ? undefined : 'root workspace not bootstrapped yet') };
  const watches = new WatchRegistry();
  let address = '';
  const authentication = await setUpAuthentication(opts.authentication ?? {}, { dataDir, adminToken: token, store, logger: logger.child({ component: 'authentication' }) });
  const authenticator = authentication.authenticator;
  const auditPath = opts.auditLogPath ?? path.join(dataDir, 'audit.log');
  const audit = auditPath === '' ? NO_AUDIT : fileAudit(auditPath);
  const app = buildApp({
    store,
    authenticator,
    authorizer: new RbacAuthorizer(new StoreRbacSource(store)),
    workspaces,
    logger,
    tls: { key: pki.keyPem, cert: pki.certPem },
    health: {
      healthz: new HealthEndpoint('healthz', [ping, log, storage]),
      livez: new HealthEndpoint('livez', [ping, log, storage]),
      readyz: new HealthEndpoint('readyz', [ping, log, storage, bootstrap, shutdown]),
    },
    serverAddress: () => address,
    watches,
    metrics: new Metrics(store),
    audit,
    authentication,
  });
  const namespaces = new NamespaceLifecycle(store, workspaces, logger.child({ component: 'namespace-lifecycle' }));
  namespaces.start();
  const gc = new GarbageCollector(store, workspaces, logger.child({ component: 'garbage-collector' }));
  // Custom resources are collected like built-in ones: the collector follows each definition's
  // storage key from the moment the definition is served.
  const followCustomResources = (cluster: string): void => {
    for (const key of workspaces.catalogue(cluster).storageKeys()) gc.watchResource(key);
  };
  for (const cluster of crds.clusters()) followCustomResources(cluster);
  crds.onChange((cluster) => followCustomResources(cluster));
  gc.start();
  const crdLifecycle = new CrdLifecycle(store, crds, workspaces, logger.child({ component: 'crd-lifecycle' }));
  crdLifecycle.start();
  // Placement: objects written into placed namespaces are stamped at write time, the rest by the controller.
  const uninstallPlacementStamps = installNamespacedWriteHook(stampPlacedObjects);
  const placements = new PlacementController(store, workspaces, logger.child({ component: 'placement' }));
  placements.start();
  const serviceAccounts = new DefaultServiceAccounts(store, logger.child({ component: 'serviceaccounts' }));
  serviceAccounts.start();
  const syncTargetHealth = new SyncTargetHealth(store, logger.child({ component: 'synctarget-health' }));
  await syncTargetHealth.start();
  const simulator = opts.simulateWorkloads ? new WorkloadSimulator(store, workspaces, logger.child({ component: 'workload-simulator' })) : undefined;
  simulator?.start();

  await app.listen({ host, port });
  const actual = (app.server.address() as { port: number }).port;
  address = `${clientHost(host)}:${actual}`;
  const baseURL = `https://${address}`;
  await bootstrapRoot(store, baseURL);
  const workspaceLifecycle = new WorkspaceLifecycle(store, workspaces, () => baseURL, logger.child({ component: 'workspace-lifecycle' }));
  workspaceLifecycle.start();
  bootstrapped = true;
  const kubeconfigPath = path.join(dataDir, 'admin.kubeconfig');
  writeKubeconfig(kubeconfigPath, adminKubeconfig({ baseURL, caPem: pki.caPem, token }));

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      shuttingDown = true;
      namespaces.stop();
      gc.stop();
      crdLifecycle.stop();
      placements.stop();
      uninstallPlacementStamps();
      crds.stop();
      workspaces.stop();
      serviceAccounts.stop();
      syncTargetHealth.stop();
      simulator?.stop();
      workspaceLifecycle.stop();
      watches.endAll();
      await app.close();
      await store.close();
      await audit.close();
      await authentication.close();
      logger.info('kplane stopped');
      logger.flush?.();
    })();
    return closing;
  };
  return { url: `${baseURL}/clusters/root`, port: actual, kubeconfigPath, token, caPem: pki.caPem, store, logger, close };
}
