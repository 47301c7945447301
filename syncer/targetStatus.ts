// What the agent reports in its SyncTarget's status: member version and distribution, clusterID
// (kube-system's uid), the resources it syncs and whether they are compatible, the last hub
// revision applied, and its own conditions. Written with strategic merge patches on /status, so
// the hub's conditions (Ready, HeartbeatHealthy) and lastHeartbeatTime are left alone.

import type { Logger } from 'pino';
import { KObject, KubeClient } from './client.js';
import { syncTargetPath } from './identity.js';
import { ResourceDecision, resourcePath, NAMESPACES, CONFIGMAPS } from './resources.js';

/** The distribution a member runs, from its version string and (when readable) a node's providerID. */
export function guessDistribution(gitVersion: string, providerID?: string, kubeadm = false): string {
  const v = gitVersion.toLowerCase();
  if (v.includes('+k3s')) return 'k3s';
  if (v.includes('+rke2')) return 'rke2';
  if (v.includes('-eks-')) return 'eks';
  if (v.includes('-gke.')) return 'gke';
  if (v.includes('+kplane')) return 'kplane';
  if (v.includes('+vmware')) return 'tkg';
  if (v.includes('-mirantis')) return 'mke';
  const p = (providerID ?? '').toLowerCase();
  if (p.startsWith('kind://')) return 'kind';
  if (p.startsWith('k3s://')) return 'k3s';
  if (p.startsWith('aws://')) return 'eks';
  if (p.startsWith('gce://')) return 'gke';
  if (p.startsWith('azure://')) return 'aks';
  if (p.startsWith('digitalocean://')) return 'doks';
  if (kubeadm) return 'kubeadm';
  return 'kubernetes';
}

export interface MemberFacts {
  kubernetes: string;
  distribution: string;
  clusterID: string;
}

export async function memberFacts(member: KubeClient): Promise<MemberFacts> {
  const version = await member.request('GET', '/version');
  const kubeSystem = await member.get(resourcePath(NAMESPACES, undefined, 'kube-system'));
  let providerID: string | undefined;
  let kubeadm = false;
  try {
    const nodes = await member.request('GET', '/api/v1/nodes', { query: { limit: 1 } });
    providerID = nodes.items?.[0]?.spec?.providerID;
  } catch {
    /* nodes are not the agent's business unless its role allows reading them */
  }
  try {
    kubeadm = !!(await member.get(resourcePath(CONFIGMAPS, 'kube-system', 'kubeadm-config')));
  } catch {
    /* same */
  }
  const gitVersion = String(version?.gitVersion ?? '');
  return { kubernetes: gitVersion, distribution: guessDistribution(gitVersion, providerID, kubeadm), clusterID: kubeSystem?.metadata?.uid ?? '' };
}

interface AgentCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

export function resourcesCompatible(decisions: ResourceDecision[]): AgentCondition {
  const bad = decisions.filter((d) => d.state !== 'Accepted');
  if (!bad.length) return { type: 'ResourcesCompatible', status: 'True', reason: 'Compatible', message: `the member serves all ${decisions.length} synced resources` };
  return {
    type: 'ResourcesCompatible',
    status: 'False',
    reason: 'Incompatible',
    message: bad.map((d) => `${d.resource.plural}${d.resource.group ? '.' + d.resource.group : ''}: ${d.reason}`).join('; '),
  };
}

export function syncedResources(decisions: ResourceDecision[]): KObject[] {
  return decisions.map((d) => ({ group: d.resource.group, resource: d.resource.plural, versions: d.versions, state: d.state }));
}

/** Writes the agent's part of the SyncTarget status; conditions keep their transition time until their status changes. */
export class TargetStatusWriter {
  private readonly conditionStatus = new Map<string, { status: string; at: string; sig: string }>();
  private lastRevision = '';

  constructor(private readonly hub: KubeClient, private readonly workspace: string, private readonly name: string, private readonly log: Logger) {}

  private condition(c: AgentCondition, now: Date): KObject | undefined {
    const sig = `${c.status}|${c.reason}|${c.message}`;
    const prev = this.conditionStatus.get(c.type);
    if (prev?.sig === sig) return undefined;
    const at = prev && prev.status === c.status ? prev.at : now.toISOString().replace(/\.\d+Z$/, 'Z');
    this.conditionStatus.set(c.type, { status: c.status, at, sig });
    return { ...c, lastTransitionTime: at };
  }

  /** Writes the given fields and the conditions that changed; false when it failed. */
  async write(fields: KObject, conditions: AgentCondition[], now = new Date()): Promise<boolean> {
    const changed = conditions.map((c) => this.condition(c, now)).filter((c): c is KObject => !!c);
    const status: KObject = { ...fields };
    if (changed.length) status.conditions = changed;
    if (!Object.keys(status).length) return true;
    try {
      await this.hub.strategicPatch(syncTargetPath(this.workspace, this.name, 'status'), { status });
      if (fields.lastAppliedRevision) this.lastRevision = fields.lastAppliedRevision;
      return true;
    } catch (e) {
      // Make the conditions be sent again next time.
      for (const c of changed) this.conditionStatus.delete(c.type);
      this.log.warn({ err: (e as Error).message }, 'could not write the SyncTarget status');
      return false;
    }
  }

  /** The last revision written, to write it only when it moves. */
  get revision(): string {
    return this.lastRevision;
  }
}
