// `kplane syncer-manifest <target> --workspace <compute path> --image <image>`: registers the
// target on the hub (SyncTarget, ServiceAccount, RBAC, token) and prints what to apply in the
// member cluster — the full manifest, just the upstream kubeconfig, or Helm values.

import fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { hubClient } from './hubClient.js';
import { setUpHub } from './hubSetup.js';
import { helmValues } from './helmValues.js';
import { hubKubeconfigPath, parseKubeconfig, serverOrigin, upstreamKubeconfig } from './kubeconfig.js';
import { DEFAULT_MEMBER_NAMESPACE, UPSTREAM_SECRET, memberObjects, toYamlStream } from './manifest.js';

export interface SyncerManifestOptions {
  target: string;
  workspace: string;
  image?: string;
  /** Hub kubeconfig file; default $KUBECONFIG, else ./.kplane/admin.kubeconfig. */
  kubeconfig?: string;
  context?: string;
  /** Hub URL as the member sees it; default the hub kubeconfig's server origin. */
  server?: string;
  namespace?: string;
  kubeconfigOnly?: boolean;
  helmValues?: boolean;
  leaseDurationSeconds?: number;
  customResourceGroups?: string[];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const WORKSPACE_PATH = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(:[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validate(o: SyncerManifestOptions): void {
  // The target name appears in label values and RBAC names on both sides: a DNS label fits all.
  if (!DNS_LABEL.test(o.target)) throw new Error(`sync target name "${o.target}" must be a DNS label (lower case letters, digits and '-', at most 63)`);
  if (!WORKSPACE_PATH.test(o.workspace)) throw new Error(`--workspace "${o.workspace}" is not a workspace path like root:compute`);
  if (o.namespace !== undefined && !DNS_LABEL.test(o.namespace)) throw new Error(`--namespace "${o.namespace}" is not a valid namespace name`);
  if (!o.kubeconfigOnly && !o.image) throw new Error('--image is required (unless --kubeconfig-only)');
  if (o.kubeconfigOnly && o.helmValues) throw new Error('--kubeconfig-only and --helm-values exclude each other');
}

/** Registers the target on the hub and returns the text to print. */
export async function syncerManifest(o: SyncerManifestOptions): Promise<string> {
  validate(o);
  const file = hubKubeconfigPath(o.kubeconfig);
  if (!fs.existsSync(file)) throw new Error(`hub kubeconfig ${file} not found (pass --kubeconfig, set KUBECONFIG, or run from where \`kplane serve\` wrote .kplane/admin.kubeconfig)`);
  const creds = parseKubeconfig(fs.readFileSync(file, 'utf8'), file, o.context);
  const origin = serverOrigin(creds.server);
  const client = hubClient(origin, creds);
  let token: string;
  try {
    token = await setUpHub(client, { workspace: o.workspace, target: o.target, leaseDurationSeconds: o.leaseDurationSeconds });
  } finally {
    await client.close();
  }
  const kubeconfig = upstreamKubeconfig({ server: serverOrigin(o.server ?? origin), workspace: o.workspace, target: o.target, caPem: creds.caPem, token });
  if (o.kubeconfigOnly) return kubeconfig;
  if (o.helmValues) return helmValues({ target: o.target, image: o.image!, upstreamKubeconfig: kubeconfig, customResourceGroups: o.customResourceGroups });
  const ns = o.namespace ?? DEFAULT_MEMBER_NAMESPACE;
  const header = [
    `kplane syncer for SyncTarget ${o.target} (workspace ${o.workspace}), agent namespace ${ns}.`,
    'Apply in the member cluster: kplane syncer-manifest ... | kubectl apply -f -',
    `The Secret ${UPSTREAM_SECRET} holds a one-year credential for the hub: treat this output as secret.`,
  ].join('\n');
  return toYamlStream(
    memberObjects({ target: o.target, image: o.image!, upstreamKubeconfig: kubeconfig, namespace: ns, customResourceGroups: o.customResourceGroups }),
    header,
  );
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function groups(v: string): string[] {
  return v === 'none' ? [] : v.split(',').map((g) => g.trim()).filter((g) => g !== '');
}

interface Flags {
  workspace: string;
  image?: string;
  kubeconfig?: string;
  context?: string;
  server?: string;
  namespace: string;
  kubeconfigOnly?: boolean;
  helmValues?: boolean;
  leaseDurationSeconds?: number;
  customResourceGroups?: string[];
}

export function syncerManifestCommand(): Command {
  return new Command('syncer-manifest')
    .description('Register a member cluster as a SyncTarget in a compute workspace and print the YAML that runs its syncer agent there.')
    .argument('<target>', 'name of the SyncTarget (created when missing)')
    .requiredOption('--workspace <path>', 'compute workspace holding the SyncTarget, like root:compute')
    .option('--image <image>', 'agent image (see the Dockerfile)')
    .addOption(new Option('--kubeconfig <file>', 'hub kubeconfig allowed to write the compute workspace (default $KUBECONFIG, else ./.kplane/admin.kubeconfig)'))
    .option('--context <name>', 'context of the hub kubeconfig (default its current context)')
    .option('--server <url>', 'hub URL as the member cluster reaches it (default the hub kubeconfig\'s server)')
    .option('--namespace <ns>', 'member namespace the agent runs in', DEFAULT_MEMBER_NAMESPACE)
    .option('--kubeconfig-only', 'print only the upstream kubeconfig for the agent')
    .option('--helm-values', 'print a values file for the chart in syncer/chart instead of the manifest')
    .option('--lease-duration-seconds <n>', 'heartbeat interval of the SyncTarget (spec.leaseDurationSeconds)', positiveInt)
    .option('--custom-resource-groups <groups>', 'comma-separated API groups of custom resources the agent may write on the member ("*" by default, "none" for none)', groups)
    .action(async (target: string, f: Flags) => {
      let out: string;
      try {
        out = await syncerManifest({ target, ...f });
      } catch (e) {
        // A message, not a stack trace: these are configuration errors the user fixes.
        process.stderr.write(`error: ${(e as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(out);
    });
}
