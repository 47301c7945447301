// Address allocation for Services, as kube-apiserver's allocators would do it on a cluster whose
// service CIDRs are 10.96.0.0/12 and fd00:10:96::/112, with node ports 30000-32767 and a load
// balancer handing out documentation-range addresses. Unique per workspace. An object's first
// choice is derived from its namespace and name, so it gets the same address back if a client
// drops the field and it is allocated again.

import { fnv32a } from './templateHash.js';

/** A range of allocatable values and how to spell one. */
interface Pool<T> {
  size: number;
  at(offset: number): T;
}

function ipv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const ipv4Number = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

/** 10.96.0.0/12 without its network and broadcast addresses and the low band kept for static IPs (10.96.0.0/24). */
const CLUSTER_IPV4: Pool<string> = {
  size: ipv4Number('10.111.255.254') - ipv4Number('10.96.1.0') + 1,
  at: (i) => ipv4(ipv4Number('10.96.1.0') + i),
};

/** fd00:10:96::/112 above its static band (::1 to ::ff) and below its last address. */
const CLUSTER_IPV6: Pool<string> = {
  size: 0xffff - 0x100,
  at: (i) => `fd00:10:96::${(0x100 + i).toString(16)}`,
};

export const NODE_PORTS: Pool<number> = { size: 32767 - 30000 + 1, at: (i) => 30000 + i };

/** TEST-NET-1, -2 and -3 (RFC 5737): addresses that never route anywhere. */
const LOAD_BALANCER_IPS: Pool<string> = {
  size: 3 * 254,
  at: (i) => `${['192.0.2', '198.51.100', '203.0.113'][Math.floor(i / 254)]}.${(i % 254) + 1}`,
};

export type Family = 'IPv4' | 'IPv6';

/** The first free value of `pool`, starting from a place derived from `seed`; undefined when full. */
function allocate<T>(pool: Pool<T>, used: Set<T>, seed: string): T | undefined {
  const start = fnv32a(seed) % pool.size;
  for (let i = 0; i < pool.size; i++) {
    const v = pool.at((start + i) % pool.size);
    if (!used.has(v)) {
      used.add(v);
      return v;
    }
  }
  return undefined;
}

/** What is in use in a workspace, filled from its services and consumed by allocations. */
export interface UsedAddresses {
  clusterIPs: Set<string>;
  nodePorts: Set<number>;
  loadBalancerIPs: Set<string>;
}

export const emptyUsed = (): UsedAddresses => ({ clusterIPs: new Set(), nodePorts: new Set(), loadBalancerIPs: new Set() });

export function allocateClusterIP(family: Family, used: UsedAddresses, seed: string): string | undefined {
  return allocate(family === 'IPv6' ? CLUSTER_IPV6 : CLUSTER_IPV4, used.clusterIPs, seed);
}

export function allocateNodePort(used: UsedAddresses, seed: string): number | undefined {
  return allocate(NODE_PORTS, used.nodePorts, seed);
}

export function allocateLoadBalancerIP(used: UsedAddresses, seed: string): string | undefined {
  return allocate(LOAD_BALANCER_IPS, used.loadBalancerIPs, seed);
}

export const familyOf = (ip: string): Family => (ip.includes(':') ? 'IPv6' : 'IPv4');
