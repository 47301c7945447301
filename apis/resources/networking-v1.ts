// The networking.k8s.io/v1 resources: Ingresses and NetworkPolicies. Their discovery facts,
// printer columns (as kube-apiserver's table printers fill them, always in wide mode) and upstream
// defaulting (pkg/apis/networking/v1 SetDefaults_NetworkPolicy and _NetworkPolicyPort).

import { formatLabelSelector } from './apps-v1.js';
import { age, name } from './columns.js';
import { ColumnDef, KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import { validators } from '../validation/index.js';

const NETWORKING = { group: 'networking.k8s.io', version: 'v1' } as const;

const isObject = (v: unknown): v is KObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): KObject[] => (Array.isArray(v) ? v.filter(isObject) : []);

// ---- Ingress ----

/** The HOSTS column: the first three rule hosts, "+ N more..." beyond, "*" when no rule names a host. */
export function ingressHosts(rules: unknown): string {
  const all = Array.isArray(rules) ? rules : [];
  const max = 3;
  const hosts: string[] = [];
  let more = false;
  for (const rule of all) {
    if (hosts.length === max) more = true;
    if (!more && isObject(rule) && rule.host) hosts.push(String(rule.host));
  }
  if (hosts.length === 0) return '*';
  const text = hosts.join(',');
  return more ? `${text} + ${all.length - max} more...` : text;
}

/** The ADDRESS column: distinct load balancer IPs (or hostnames when there is no IP), sorted. */
export function ingressAddress(o: KObject): string {
  const set = new Set<string>();
  for (const lb of list(o.status?.loadBalancer?.ingress)) {
    if (lb.ip) set.add(String(lb.ip));
    else if (lb.hostname) set.add(String(lb.hostname));
  }
  return [...set].sort().join(',');
}

const ingressColumns: ColumnDef[] = [
  name(),
  { name: 'Class', type: 'string', description: 'IngressClass that implements the ingress.', cell: (o) => (typeof o.spec?.ingressClassName === 'string' ? o.spec.ingressClassName : '<none>') },
  { name: 'Hosts', type: 'string', description: 'Hosts the rules match requests against.', cell: (o) => ingressHosts(o.spec?.rules) },
  { name: 'Address', type: 'string', description: 'Addresses of the load balancer serving the ingress.', cell: (o) => ingressAddress(o) },
  { name: 'Ports', type: 'string', description: 'Ports the ingress listens on: 80, and 443 with TLS.', cell: (o) => (Array.isArray(o.spec?.tls) && o.spec.tls.length > 0 ? '80, 443' : '80') },
  age(),
];

// ---- NetworkPolicy ----

/** SetDefaults_NetworkPolicy: policyTypes from the rules present, TCP for ports without a protocol. */
export function defaultNetworkPolicy(obj: KObject): void {
  if (!isObject(obj.spec)) obj.spec = {};
  const spec = obj.spec;
  for (const rule of [...list(spec.ingress), ...list(spec.egress)]) {
    for (const port of list(rule.ports)) if (port.protocol === undefined || port.protocol === null) port.protocol = 'TCP';
  }
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    spec.policyTypes = ['Ingress'];
    if (Array.isArray(spec.egress) && spec.egress.length > 0) spec.policyTypes.push('Egress');
  }
}

const networkPolicyColumns: ColumnDef[] = [
  name(),
  { name: 'Pod-Selector', type: 'string', description: 'Pods the policy applies to.', cell: (o) => formatLabelSelector(o.spec?.podSelector ?? {}) },
  age(),
];

// ---- resources ----

export const resources: ResourceDef[] = [
  {
    ...NETWORKING, kind: 'Ingress', plural: 'ingresses', singular: 'ingress', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['ing'], type: 'networking/v1:Ingress',
    status: true, generation: true, nameRule: 'subdomain', columns: ingressColumns, strategy: { validate: validators.Ingress },
  },
  {
    ...NETWORKING, kind: 'NetworkPolicy', plural: 'networkpolicies', singular: 'networkpolicy', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['netpol'], type: 'networking/v1:NetworkPolicy',
    generation: true, nameRule: 'subdomain', columns: networkPolicyColumns, strategy: { defaults: defaultNetworkPolicy, validate: validators.NetworkPolicy },
  },
];
