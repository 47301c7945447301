// Services get what kube-apiserver allocates when it stores them (IP family fields, cluster IPs,
// node ports, a health check node port) and, for type LoadBalancer, the ingress address a load
// balancer controller reports. Allocations are written without a field owner, as the API server
// writes them; the load balancer status as the cloud controller manager's.

import { KObject } from '../../apis/resources/model.js';
import { ObjectKey } from '../../storage/store.js';
import { Family, UsedAddresses, allocateClusterIP, allocateLoadBalancerIP, allocateNodePort, emptyUsed, familyOf } from './serviceAddresses.js';
import { SimulationContext, statusStep, updateObject } from './writes.js';

export const CLOUD_CONTROLLER_MANAGER = 'cloud-controller-manager';

const isObject = (v: unknown): v is KObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Addresses and ports a stored service holds. */
export function addUsed(used: UsedAddresses, svc: KObject): void {
  const spec = svc.spec ?? {};
  for (const ip of [spec.clusterIP, ...(Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [])]) if (ip && ip !== 'None') used.clusterIPs.add(ip);
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) if (p?.nodePort) used.nodePorts.add(p.nodePort);
  if (spec.healthCheckNodePort) used.nodePorts.add(spec.healthCheckNodePort);
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing?.ip) used.loadBalancerIPs.add(ing.ip);
}

const hasSelector = (spec: KObject): boolean => isObject(spec.selector) && Object.keys(spec.selector).length > 0;

/**
 * The spec with the API server's allocations (initIPFamilyFields, allocClusterIPs,
 * initNodePorts, allocHealthCheckNodePort), or undefined when nothing is missing. `used`
 * holds what the other services of the workspace use; allocations are added to it.
 */
export function allocatedSpec(svc: KObject, used: UsedAddresses): KObject | undefined {
  const spec: KObject = structuredClone(svc.spec ?? {});
  if (spec.type === 'ExternalName') return undefined;
  const seed = `${svc.metadata?.namespace}/${svc.metadata?.name}`;
  const ips: string[] = Array.isArray(spec.clusterIPs) && spec.clusterIPs.length ? [...spec.clusterIPs] : spec.clusterIP ? [spec.clusterIP] : [];
  const headless = ips[0] === 'None';

  // IP families: SingleStack unless asked otherwise; a headless service without selector asks for both.
  if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = headless && !hasSelector(spec) ? 'RequireDualStack' : 'SingleStack';
  let families: Family[] = Array.isArray(spec.ipFamilies) ? [...spec.ipFamilies] : [];
  ips.forEach((ip, i) => {
    if (ip !== 'None' && i >= families.length) families.push(familyOf(ip));
  });
  if (!families.length) families = ['IPv4'];
  // The cluster is single-stack IPv4: only a headless service is given the other family too
  // (upstream's special case); IPs of the families a service names are allocated regardless.
  if (headless && spec.ipFamilyPolicy !== 'SingleStack' && families.length === 1) families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
  if (spec.ipFamilyPolicy === 'SingleStack') families = families.slice(0, 1);
  spec.ipFamilies = families;

  if (!headless) {
    const allocated = families.map((family, i) => ips[i] || allocateClusterIP(family, used, `${seed}#${family}`));
    if (allocated.some((ip) => !ip)) return undefined; // the range is full: leave it unallocated
    spec.clusterIPs = allocated;
    spec.clusterIP = allocated[0];
  } else {
    spec.clusterIPs = ['None'];
    spec.clusterIP = 'None';
  }

  const wantsNodePorts = spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
  if (wantsNodePorts && Array.isArray(spec.ports)) {
    // Ports of the same number (TCP and UDP, say) share a node port.
    const byPort = new Map<number, number>();
    for (const p of spec.ports) if (p?.nodePort) byPort.set(p.port, p.nodePort);
    for (const p of spec.ports) {
      if (!isObject(p) || p.nodePort) continue;
      const np = byPort.get(p.port) ?? allocateNodePort(used, `${seed}:${p.port}`);
      if (np === undefined) return undefined;
      p.nodePort = np;
      byPort.set(p.port, np);
    }
  }
  if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && !spec.healthCheckNodePort) {
    const np = allocateNodePort(used, `${seed}:health`);
    if (np === undefined) return undefined;
    spec.healthCheckNodePort = np;
  }
  return JSON.stringify(spec) === JSON.stringify(svc.spec) ? undefined : spec;
}

/** The service's status: an ingress address for a load balancer, none otherwise. */
export function serviceStatus(svc: KObject, used: UsedAddresses): KObject {
  const prev: KObject = svc.status ?? {};
  const status: KObject = { ...prev, loadBalancer: {} };
  if (svc.spec?.type === 'LoadBalancer') {
    const kept = (prev.loadBalancer?.ingress ?? []).filter((i: KObject) => i?.ip || i?.hostname);
    if (kept.length) status.loadBalancer = { ingress: kept };
    else {
      const ip = allocateLoadBalancerIP(used, `${svc.metadata?.namespace}/${svc.metadata?.name}`);
      if (ip) status.loadBalancer = { ingress: [{ ip, ipMode: 'VIP' }] };
    }
  }
  return status;
}

async function usedInWorkspace(ctx: SimulationContext, key: ObjectKey): Promise<UsedAddresses> {
  const used = emptyUsed();
  const page = await ctx.store.list({ cluster: key.cluster, resource: key.resource });
  for (const item of page.items) {
    if (item.key.namespace === key.namespace && item.key.name === key.name) continue;
    addUsed(used, item.object);
  }
  return used;
}

export async function syncService(ctx: SimulationContext, key: ObjectKey): Promise<boolean> {
  const svc = (await ctx.store.get(key))?.object;
  if (!svc || svc.metadata?.deletionTimestamp) return true;
  // What the workspace uses is read only when something is to be allocated; the work queue runs
  // one sync at a time, so what was free when listed is still free when written.
  const needs = allocatedSpec(svc, emptyUsed()) !== undefined || (svc.spec?.type === 'LoadBalancer' && !svc.status?.loadBalancer?.ingress?.length);
  const used = needs ? await usedInWorkspace(ctx, key) : emptyUsed();
  // Allocations (no field owner) and the status in one write.
  await updateObject(ctx, key, CLOUD_CONTROLLER_MANAGER, [
    {
      target: '',
      trackFields: false,
      build: (cur) => {
        const spec = allocatedSpec(cur, used);
        return spec ? { ...structuredClone(cur), spec } : undefined;
      },
    },
    statusStep((cur) => serviceStatus(cur, used)),
  ], (cur) => cur.metadata?.uid === svc.metadata.uid);
  return true;
}
