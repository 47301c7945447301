// networking.k8s.io/v1 (pkg/apis/networking/validation): Ingress rules, paths and backends, and
// NetworkPolicy ports, peers and IP blocks.

import { isIPv6 } from 'node:net';
import { validateLabelSelector } from '../machinery/objectMetaValidation.js';
import { isDNS1123Subdomain, isValidPathSegmentName, nameIsDNS1035Label, nameIsDNSSubdomain } from '../machinery/validation.js';
import { type FieldError, type KObject, child, forbidden, index, invalid, isSet, list, notSupported, num, obj, objects, required, str } from './field.js';
import { isValidPortName, isValidPortNum, isWildcardDNS1123Subdomain, nameErrors, parseCIDRSloppy, parseIPSloppy, validateCIDR } from './common.js';
import { goStringSlice, goValue } from './goValue.js';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function validateTypedReference(ref: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isSet(ref.apiGroup)) errs.push(...isDNS1123Subdomain(str(ref.apiGroup)).map((m) => invalid(child(fldPath, 'apiGroup'), str(ref.apiGroup), m)));
  for (const f of ['kind', 'name']) {
    const v = str(ref[f]);
    if (!v) errs.push(required(child(fldPath, f)));
    else errs.push(...isValidPathSegmentName(v).map((m) => invalid(child(fldPath, f), v, m)));
  }
  return errs;
}

function validateIngressBackend(backend: KObject, fldPath: string): FieldError[] {
  const hasResource = isSet(backend.resource);
  const hasService = isSet(backend.service);
  if (hasResource && hasService) return [invalid(fldPath, '', 'cannot set both resource and service backends')];
  if (hasResource) return validateTypedReference(obj(backend.resource), child(fldPath, 'resource'));
  if (!hasService) return [invalid(fldPath, '', 'resource or service backend is required')];
  const svc = obj(backend.service);
  const errs: FieldError[] = [];
  const name = str(svc.name);
  if (!name) errs.push(required(child(fldPath, 'service', 'name')));
  else errs.push(...nameErrors(nameIsDNS1035Label, name, child(fldPath, 'service', 'name')));
  const port = obj(svc.port);
  const portName = str(port.name);
  const portNumber = num(port.number);
  if (portName && portNumber !== 0) errs.push(invalid(fldPath, '', 'cannot set both port name & port number'));
  else if (portName) errs.push(...isValidPortName(portName).map((m) => invalid(child(fldPath, 'service', 'port', 'name'), portName, m)));
  else if (portNumber !== 0) errs.push(...isValidPortNum(portNumber).map((m) => invalid(child(fldPath, 'service', 'port', 'number'), portNumber, m)));
  else errs.push(required(fldPath, 'port name or number is required'));
  return errs;
}

function validateHTTPIngressPath(path: KObject, fldPath: string): FieldError[] {
  if (!isSet(path.pathType)) return [required(child(fldPath, 'pathType'), 'pathType must be specified')];
  const errs: FieldError[] = [];
  const p = str(path.path);
  const pathPath = child(fldPath, 'path');
  switch (str(path.pathType)) {
    case 'Exact':
    case 'Prefix':
      if (!p.startsWith('/')) errs.push(invalid(pathPath, p, 'must be an absolute path'));
      if (p) {
        for (const seq of INVALID_SEQUENCES) if (p.includes(seq)) errs.push(invalid(pathPath, p, `must not contain '${seq}'`));
        for (const suf of INVALID_SUFFIXES) if (p.endsWith(suf)) errs.push(invalid(pathPath, p, `cannot end with '${suf}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (p && !p.startsWith('/')) errs.push(invalid(pathPath, p, 'must be an absolute path'));
      break;
    default:
      errs.push(notSupported(child(fldPath, 'pathType'), str(path.pathType), PATH_TYPES));
  }
  errs.push(...validateIngressBackend(obj(path.backend), child(fldPath, 'backend')));
  return errs;
}

function validateIngressRules(rules: KObject[], fldPath: string): FieldError[] {
  return rules.flatMap((rule, i) => {
    const p = index(fldPath, i);
    const host = str(rule.host);
    const errs: FieldError[] = [];
    if (host) {
      if (parseIPSloppy(host)) errs.push(invalid(child(p, 'host'), host, 'must be a DNS name, not an IP address'));
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      errs.push(...msgs.map((m) => invalid(child(p, 'host'), host, m)));
    }
    if (isSet(rule.http)) {
      const paths = objects(obj(rule.http).paths);
      if (!paths.length) errs.push(required(child(p, 'http', 'paths')));
      paths.forEach((path, j) => errs.push(...validateHTTPIngressPath(path, index(child(p, 'http', 'paths'), j))));
    }
    return errs;
  });
}

/** ValidateIngressCreate / ValidateIngressUpdate (kind rules). */
export function validateIngress(ing: KObject, old?: KObject): FieldError[] {
  const spec = obj(ing.spec);
  const rules = objects(spec.rules);
  const errs: FieldError[] = [];
  if (!rules.length && !isSet(spec.defaultBackend)) {
    errs.push(invalid('spec', goValue(Array.isArray(spec.rules) ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)'), 'either `defaultBackend` or `rules` must be specified'));
  }
  if (isSet(spec.defaultBackend)) errs.push(...validateIngressBackend(obj(spec.defaultBackend), 'spec.defaultBackend'));
  if (rules.length) errs.push(...validateIngressRules(rules, 'spec.rules'));
  const oldSecretInvalid = objects(obj(old?.spec).tls).some((t) => str(t.secretName) && nameIsDNSSubdomain(str(t.secretName), false).length > 0);
  objects(spec.tls).forEach((tls, i) => {
    const p = index('spec.tls', i);
    list(tls.hosts).map(str).forEach((h, j) => {
      const msgs = h.includes('*') ? isWildcardDNS1123Subdomain(h) : isDNS1123Subdomain(h);
      errs.push(...msgs.map((m) => invalid(index(child(p, 'hosts'), j), h, m)));
    });
    const secretName = str(tls.secretName);
    if (secretName && !oldSecretInvalid) errs.push(...nameErrors(nameIsDNSSubdomain, secretName, child(p, 'secretName')));
  });
  if (isSet(spec.ingressClassName)) errs.push(...nameErrors(nameIsDNSSubdomain, str(spec.ingressClassName), 'spec.ingressClassName'));
  if (!old) {
    const annotations = obj(obj(ing.metadata).annotations);
    if (INGRESS_CLASS_ANNOTATION in annotations && isSet(spec.ingressClassName) && annotations[INGRESS_CLASS_ANNOTATION] !== spec.ingressClassName) {
      errs.push(invalid(child('annotations', INGRESS_CLASS_ANNOTATION), str(annotations[INGRESS_CLASS_ANNOTATION]), 'must match `ingressClassName` when both are specified'));
    }
  }
  return errs;
}

// ---- NetworkPolicy ----

function validateNetworkPolicyPort(port: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isSet(port.protocol) && !['TCP', 'UDP', 'SCTP'].includes(str(port.protocol))) {
    errs.push(notSupported(child(fldPath, 'protocol'), str(port.protocol), ['TCP', 'UDP', 'SCTP']));
  }
  if (isSet(port.port)) {
    if (typeof port.port === 'number') {
      const p = Math.trunc(port.port);
      errs.push(...isValidPortNum(p).map((m) => invalid(child(fldPath, 'port'), p, m)));
      if (isSet(port.endPort)) {
        const end = num(port.endPort);
        if (end < p) errs.push(invalid(child(fldPath, 'endPort'), end, 'must be greater than or equal to `port`'));
        errs.push(...isValidPortNum(end).map((m) => invalid(child(fldPath, 'endPort'), end, m)));
      }
    } else {
      if (isSet(port.endPort)) errs.push(invalid(child(fldPath, 'endPort'), num(port.endPort), 'may not be specified when `port` is non-numeric'));
      errs.push(...isValidPortName(str(port.port)).map((m) => invalid(child(fldPath, 'port'), str(port.port), m)));
    }
  } else if (isSet(port.endPort)) {
    errs.push(invalid(child(fldPath, 'endPort'), num(port.endPort), 'may not be specified when `port` is not specified'));
  }
  return errs;
}

/** An IPv6 address as a 128-bit number (node:net has already checked its syntax). */
function ipv6ToBigInt(ip: string): bigint {
  let s = ip;
  let v4: number[] = [];
  const last = s.lastIndexOf(':');
  if (s.slice(last + 1).includes('.')) {
    v4 = s.slice(last + 1).split('.').map(Number);
    s = `${s.slice(0, last + 1)}0:0`;
  }
  const split = s.indexOf('::');
  const head = split < 0 ? s : s.slice(0, split);
  const tail = split < 0 ? '' : s.slice(split + 2);
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = split < 0 ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  let n = groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
  if (v4.length) n = ((n >> 32n) << 32n) + BigInt(v4.reduce((acc, o) => acc * 256 + o, 0));
  return n;
}

/** The network of a CIDR: its first address, prefix length and address width. */
function cidrNetwork(cidr: string): { start: bigint; prefix: number; bits: number } | undefined {
  const c = parseCIDRSloppy(cidr);
  if (!c) return undefined;
  const bits = c.family === 4 ? 32 : 128;
  if (c.family === 6 && !isIPv6(c.ip)) return undefined;
  const n = c.family === 4 ? c.ip.split('.').reduce((acc, p) => (acc << 8n) + BigInt(Number(p)), 0n) : ipv6ToBigInt(c.ip);
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - c.prefix)) - 1n);
  return { start: n & mask, prefix: c.prefix, bits };
}

function validateIPBlock(block: KObject, allowed: Set<string>, fldPath: string): FieldError[] {
  const cidr = str(block.cidr);
  if (!cidr) return [required(child(fldPath, 'cidr'))];
  const errs = allowed.has(cidr) ? [] : validateCIDR(child(fldPath, 'cidr'), cidr);
  const net = cidrNetwork(cidr);
  if (!net) return errs;
  list(block.except).map(str).forEach((except, i) => {
    const p = index(child(fldPath, 'except'), i);
    if (!allowed.has(except)) errs.push(...validateCIDR(p, except));
    const ex = cidrNetwork(except);
    if (!ex) return;
    const shift = BigInt(net.bits - net.prefix);
    const contained = ex.bits === net.bits && (ex.start >> shift) === (net.start >> shift);
    if (!contained || net.prefix >= ex.prefix) errs.push(invalid(p, except, 'must be a strict subset of `cidr`'));
  });
  return errs;
}

function validatePeer(peer: KObject, allowed: Set<string>, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  if (isSet(peer.podSelector)) {
    count++;
    errs.push(...validateLabelSelector(obj(peer.podSelector), child(fldPath, 'podSelector')));
  }
  if (isSet(peer.namespaceSelector)) {
    count++;
    errs.push(...validateLabelSelector(obj(peer.namespaceSelector), child(fldPath, 'namespaceSelector')));
  }
  if (isSet(peer.ipBlock)) {
    count++;
    errs.push(...validateIPBlock(obj(peer.ipBlock), allowed, child(fldPath, 'ipBlock')));
  }
  if (count === 0) errs.push(required(fldPath, 'must specify a peer'));
  else if (count > 1 && isSet(peer.ipBlock)) errs.push(forbidden(fldPath, 'may not specify both ipBlock and another peer'));
  return errs;
}

function existingCIDRs(np: KObject | undefined): Set<string> {
  const out = new Set<string>();
  const spec = obj(np?.spec);
  for (const [rules, peers] of [[spec.ingress, 'from'], [spec.egress, 'to']] as const) {
    for (const rule of objects(rules)) {
      for (const peer of objects(rule[peers])) {
        if (!isSet(peer.ipBlock)) continue;
        out.add(str(obj(peer.ipBlock).cidr));
        for (const e of list(obj(peer.ipBlock).except)) out.add(str(e));
      }
    }
  }
  return out;
}

/** ValidateNetworkPolicy / ValidateNetworkPolicyUpdate (kind rules). */
export function validateNetworkPolicy(np: KObject, old?: KObject): FieldError[] {
  const spec = obj(np.spec);
  const allowed = existingCIDRs(old);
  const errs = validateLabelSelector(obj(spec.podSelector), 'spec.podSelector');
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    objects(spec[direction]).forEach((rule, i) => {
      const p = index(`spec.${direction}`, i);
      objects(rule.ports).forEach((port, j) => errs.push(...validateNetworkPolicyPort(port, index(child(p, 'ports'), j))));
      objects(rule[peers]).forEach((peer, j) => errs.push(...validatePeer(peer, allowed, index(child(p, peers), j))));
    });
  }
  const types = list(spec.policyTypes).map(str);
  if (types.length > 2) {
    errs.push(invalid('spec.policyTypes', goStringSlice(types, '[]networking.PolicyType'), 'may not specify more than two policyTypes'));
    return errs;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(index('spec.policyTypes', i), t, ['Ingress', 'Egress']));
  });
  return errs;
}
