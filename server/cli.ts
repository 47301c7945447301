// The `kplane` command line: `kplane serve` (what `npm start` runs).

import { Command, Option } from 'commander';
import path from 'node:path';
import { KPLANE_VERSION } from '../apis/version.js';
import { syncerManifestCommand } from '../syncer/install/command.js';
import { syncerCommand } from '../syncer/command.js';

interface ServeFlags {
  dataDir: string;
  listen: string;
  tlsSan?: string[];
  logLevel: string;
  auditLogPath?: string;
  tokenAuthFile?: string;
  serviceAccountIssuer?: string[];
  oidcIssuerUrl?: string;
  oidcClientId?: string;
  oidcUsernameClaim?: string;
  oidcUsernamePrefix?: string;
  oidcGroupsClaim?: string;
  oidcGroupsPrefix?: string;
  oidcCaFile?: string;
  simulateWorkloads?: boolean;
}

/** A boolean environment variable: "true", "1" or "yes" (any case) turn it on. */
export function envFlag(value: string | undefined): boolean {
  return ['true', '1', 'yes'].includes((value ?? '').trim().toLowerCase());
}

export function program(): Command {
  const cmd = new Command('kplane').description('A multi-tenant, kcp-style Kubernetes control plane.').version(KPLANE_VERSION);
  cmd
    .command('serve')
    .description('Serve the Kubernetes API for every workspace over HTTPS (HTTP/2 and HTTP/1.1).')
    .addOption(new Option('--data-dir <dir>', 'where the database, certificates, token and admin.kubeconfig live').env('KPLANE_DATA_DIR').default('./.kplane'))
    .addOption(new Option('--listen <host:port>', 'address to listen on').env('KPLANE_LISTEN').default('127.0.0.1:6443'))
    .addOption(new Option('--tls-san <name...>', 'extra DNS names or IPs for the serving certificate'))
    .addOption(new Option('--log-level <level>', 'trace, debug, info, warn or error').env('KPLANE_LOG_LEVEL').default('info'))
    .addOption(new Option('--audit-log-path <file>', 'audit log as JSON lines ("-" for stdout, "" to disable); default <data-dir>/audit.log').env('KPLANE_AUDIT_LOG_PATH'))
    .addOption(new Option('--token-auth-file <file>', 'static users: CSV lines token,user,uid,"group1,group2" (kube-apiserver format)'))
    .addOption(new Option('--service-account-issuer <url...>', 'issuer of ServiceAccount tokens (the first issues; all are accepted)'))
    .addOption(new Option('--oidc-issuer-url <url>', 'OIDC issuer whose ID tokens authenticate users (https)'))
    .addOption(new Option('--oidc-client-id <id>', 'audience OIDC ID tokens must carry'))
    .addOption(new Option('--oidc-username-claim <claim>', 'claim naming the user').default('sub'))
    .addOption(new Option('--oidc-username-prefix <prefix>', 'prefix for OIDC usernames ("-" for none; default "<issuer>#" unless the claim is email)'))
    .addOption(new Option('--oidc-groups-claim <claim>', 'claim listing the user\'s groups'))
    .addOption(new Option('--oidc-groups-prefix <prefix>', 'prefix for OIDC groups (recommended, e.g. "oidc:")'))
    .addOption(new Option('--oidc-ca-file <file>', 'CA that signed the OIDC issuer\'s certificate'))
    .addOption(new Option('--simulate-workloads', 'act as a member cluster that runs its workloads: they report ready, jobs complete, services get IPs, claims bind (for development and tests; env: KPLANE_SIMULATE_WORKLOADS=true)'))
    .action(async (o: ServeFlags) => {
      // Loaded here, not at the top: `kplane syncer` runs in member clusters without the server's code in memory.
      const { serve } = await import('./serve.js');
      const server = await serve({
        dataDir: o.dataDir,
        listen: o.listen,
        tlsSans: o.tlsSan,
        logLevel: o.logLevel,
        auditLogPath: o.auditLogPath,
        simulateWorkloads: o.simulateWorkloads === true || envFlag(process.env.KPLANE_SIMULATE_WORKLOADS),
        authentication: {
          tokenAuthFile: o.tokenAuthFile,
          serviceAccountIssuers: o.serviceAccountIssuer,
          oidc: o.oidcIssuerUrl
            ? {
                issuerURL: o.oidcIssuerUrl,
                clientID: o.oidcClientId ?? '',
                usernameClaim: o.oidcUsernameClaim,
                usernamePrefix: o.oidcUsernamePrefix,
                groupsClaim: o.oidcGroupsClaim,
                groupsPrefix: o.oidcGroupsPrefix,
                caFile: o.oidcCaFile,
              }
            : undefined,
        },
      });
      const rel = path.relative(process.cwd(), server.kubeconfigPath);
      const kubeconfig = rel && !rel.startsWith('..') ? rel : server.kubeconfigPath;
      server.logger.info({ url: server.url, kubeconfig: server.kubeconfigPath }, 'kplane is serving');
      process.stderr.write(
        `kplane is serving the root workspace at ${server.url}\n` +
          `  point kubectl at it:  export KUBECONFIG=${kubeconfig}; kubectl get namespaces\n`,
      );
      let stopping = false;
      const stop = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        server.logger.info({ signal }, 'shutting down');
        server.close().then(
          () => process.exit(0),
          (e) => {
            server.logger.error({ err: e }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
  cmd.addCommand(syncerManifestCommand());
  cmd.addCommand(syncerCommand());
  return cmd;
}

export async function main(argv: string[]): Promise<void> {
  await program().parseAsync(argv);
}
