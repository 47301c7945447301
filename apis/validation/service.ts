// Services (pkg/apis/core/validation ValidateService, validateServicePort and the update rules of
// ValidateServiceUpdate): ports, type, session affinity, cluster IPs and traffic policies.

import { validateLabels } from '../machinery/objectMetaValidation.js';
import { type FieldError, type KObject, child, duplicate, forbidden, index, invalid, isSet, key, list, notSupported, num, obj, objects, required, str } from './field.js';
import { dnsLabelErrors, dnsSubdomainErrors, isValidPortNum, qualifiedNameErrors, validateCIDR, validateIP } from './common.js';
import { goStringSlice, goValue } from './goValue.js';
import { PROTOCOLS, validatePortNumOrName } from './podContainers.js';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';
const SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** ClusterIPs as the strategy leaves them before validation (clusterIP mirrored into clusterIPs). */
function clusterIPsOf(spec: KObject): string[] {
  const ips = list(spec.clusterIPs).map(str);
  if (ips.length) return ips;
  return str(spec.clusterIP) ? [str(spec.clusterIP)] : [];
}

const isHeadless = (spec: KObject): boolean => str(spec.type) === 'ClusterIP' && clusterIPsOf(spec)[0] === 'None';

const externallyAccessible = (spec: KObject): boolean =>
  ['LoadBalancer', 'NodePort'].includes(str(spec.type)) || (str(spec.type) === 'ClusterIP' && list(spec.externalIPs).length > 0);

/** %#v of the core.ServicePort key upstream uses to find duplicate (protocol, port) pairs. */
const servicePortKey = (protocol: string, port: number) =>
  goValue(`core.ServicePort{Name:"", Protocol:${JSON.stringify(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`);

function validateServicePort(sp: KObject, requireName: boolean, names: Set<string>, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sp.name);
  if (requireName && !name) errs.push(required(child(fldPath, 'name')));
  else if (name) {
    errs.push(...dnsLabelErrors(name, child(fldPath, 'name')));
    if (names.has(name)) errs.push(duplicate(child(fldPath, 'name'), name));
    else names.add(name);
  }
  errs.push(...isValidPortNum(num(sp.port)).map((m) => invalid(child(fldPath, 'port'), num(sp.port), m)));
  const protocol = str(sp.protocol);
  if (!protocol) errs.push(required(child(fldPath, 'protocol')));
  else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(fldPath, 'protocol'), protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort, child(fldPath, 'targetPort')));
  if (isSet(sp.appProtocol)) errs.push(...qualifiedNameErrors(str(sp.appProtocol), child(fldPath, 'appProtocol')));
  return errs;
}

function validateClusterIPs(spec: KObject): FieldError[] {
  if (str(spec.type) === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = clusterIPsOf(spec);
  const clusterIP = str(spec.clusterIP);
  if (clusterIP && ips[0] !== clusterIP) errs.push(invalid('spec.clusterIPs', goStringSlice(ips), 'first value must match `clusterIP`'));
  const seen = new Set<string>();
  list(spec.ipFamilies).map(str).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(index('spec.ipFamilies', i), f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(duplicate(index('spec.ipFamilies', i), f));
    seen.add(f);
  });
  if (isSet(spec.ipFamilyPolicy)) {
    const p = str(spec.ipFamilyPolicy);
    const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
    if (!policies.includes(p)) errs.push(notSupported('spec.ipFamilyPolicy', p, policies));
  }
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) errs.push(invalid('spec.clusterIPs', goStringSlice(ips), "'None' must be the first and only value"));
      return;
    }
    errs.push(...validateIP(index('spec.clusterIPs', i), ip));
  });
  if (ips.length > 2) errs.push(invalid('spec.clusterIPs', goStringSlice(ips), 'may only hold up to 2 values'));
  return errs;
}

function validateNonSpecialIP(ip: string, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (ip === '0.0.0.0' || ip === '::') errs.push(invalid(fldPath, ip, `may not be unspecified (${ip})`));
  if (/^127\./.test(ip) || ip === '::1') errs.push(invalid(fldPath, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (/^169\.254\./.test(ip) || /^fe[89ab]/i.test(ip)) errs.push(invalid(fldPath, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (/^224\.0\.0\./.test(ip) || /^ff02:/i.test(ip)) errs.push(invalid(fldPath, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

/** ValidateService (create), plus the update rules when `old` is given. */
export function validateService(svc: KObject, old?: KObject): FieldError[] {
  const spec = obj(svc.spec);
  const annotations = obj(obj(svc.metadata).annotations);
  const type = str(spec.type);
  const errs: FieldError[] = [];
  if (old) {
    const oldSpec = obj(old.spec);
    const newIPs = clusterIPsOf(spec);
    const oldIPs = clusterIPsOf(oldSpec);
    if (type !== 'ExternalName' && str(oldSpec.type) !== 'ExternalName' && newIPs.length && oldIPs.length && newIPs[0] !== oldIPs[0]) {
      errs.push(invalid('spec.clusterIPs[0]', goStringSlice(newIPs), 'may not change once set'));
    }
  }
  if (TOPOLOGY_MODE in annotations && TOPOLOGY_HINTS in annotations && annotations[TOPOLOGY_MODE] !== annotations[TOPOLOGY_HINTS]) {
    errs.push(invalid(key('metadata.annotations', TOPOLOGY_MODE), str(annotations[TOPOLOGY_MODE]), `must match annotations[${TOPOLOGY_HINTS}] when both are specified`));
  }
  const ports = objects(spec.ports);
  if (ports.length === 0 && !isHeadless(spec) && type !== 'ExternalName') errs.push(required('spec.ports'));
  const ips = clusterIPsOf(spec);
  if ((type === 'LoadBalancer' || type === 'NodePort') && ips[0] === 'None') {
    errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
  } else if (type === 'ExternalName') {
    if (ips.length) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (list(spec.ipFamilies).length) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (isSet(spec.ipFamilyPolicy)) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname) errs.push(...dnsSubdomainErrors(cname, 'spec.externalName'));
    else errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, index('spec.ports', i))));
  if (isSet(spec.selector)) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = str(spec.sessionAffinity);
  if (!affinity) errs.push(required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  if (affinity === 'ClientIP') {
    const cfgPath = 'spec.sessionAffinityConfig';
    const cfg = spec.sessionAffinityConfig;
    if (!isSet(cfg)) errs.push(required(cfgPath, 'when session affinity type is ClientIP'));
    else if (!isSet(obj(cfg).clientIP)) errs.push(required(child(cfgPath, 'clientIP'), 'when session affinity type is ClientIP'));
    else if (!isSet(obj(obj(cfg).clientIP).timeoutSeconds)) errs.push(required(child(cfgPath, 'clientIP', 'timeoutSeconds'), 'when session affinity type is ClientIP'));
    else {
      const t = num(obj(obj(cfg).clientIP).timeoutSeconds);
      if (t <= 0 || t > 86400) errs.push(invalid(child(cfgPath, 'clientIP', 'timeoutSeconds'), t, 'must be greater than 0 and less than 86400'));
    }
  } else if (affinity === 'None' && isSet(spec.sessionAffinityConfig)) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPs(spec));
  list(spec.externalIPs).map(str).forEach((ip, i) => {
    const p = index('spec.externalIPs', i);
    const ipErrs = validateIP(p, ip);
    errs.push(...(ipErrs.length ? ipErrs : validateNonSpecialIP(ip, p)));
  });
  if (!type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (num(p.nodePort) !== 0) errs.push(forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = num(p.nodePort);
    if (np === 0) return;
    const k = `${str(p.protocol)}/${np}`;
    if (nodePorts.has(k)) errs.push(duplicate(child(index('spec.ports', i), 'nodePort'), np));
    nodePorts.add(k);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${str(p.protocol)}/${num(p.port)}`;
    if (seenPorts.has(k)) errs.push(duplicate(index('spec.ports', i), servicePortKey(str(p.protocol), num(p.port))));
    seenPorts.add(k);
  });
  const ranges = list(spec.loadBalancerSourceRanges).map(str);
  if (ranges.length) {
    // Upstream spells this path with a capital L.
    if (type !== 'LoadBalancer') errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...validateCIDR(index('spec.LoadBalancerSourceRanges', i), r.trim())));
  } else if (SOURCE_RANGES in annotations) {
    const p = key('metadata.annotations', SOURCE_RANGES);
    if (type !== 'LoadBalancer') errs.push(forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
    const val = str(annotations[SOURCE_RANGES]).trim();
    if (val) for (const r of val.split(',')) errs.push(...validateCIDR(p, r.trim()));
  }
  if (isSet(spec.allocateLoadBalancerNodePorts) && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === 'LoadBalancer' && !isSet(spec.allocateLoadBalancerNodePorts)) errs.push(required('allocateLoadBalancerNodePorts'));
  if (isSet(spec.loadBalancerClass)) {
    if (type !== 'LoadBalancer') errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
    else errs.push(...qualifiedNameErrors(str(spec.loadBalancerClass), 'spec.loadBalancerClass'));
  }
  const etp = str(spec.externalTrafficPolicy);
  if (!externallyAccessible(spec)) {
    if (etp) errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) {
    errs.push(required('spec.externalTrafficPolicy'));
  } else if (etp !== 'Cluster' && etp !== 'Local') {
    errs.push(notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  }
  const needsHealthCheck = type === 'LoadBalancer' && etp === 'Local';
  if (!needsHealthCheck && num(spec.healthCheckNodePort) !== 0) {
    errs.push(invalid('spec.healthCheckNodePort', num(spec.healthCheckNodePort), "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (needsHealthCheck && num(spec.healthCheckNodePort) !== 0) {
    errs.push(...isValidPortNum(num(spec.healthCheckNodePort)).map((m) => invalid('spec.healthCheckNodePort', num(spec.healthCheckNodePort), m)));
  }
  if (!isSet(spec.internalTrafficPolicy)) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(type)) errs.push(required('spec.internalTrafficPolicy'));
  } else if (!['Cluster', 'Local'].includes(str(spec.internalTrafficPolicy))) {
    errs.push(notSupported('spec.internalTrafficPolicy', str(spec.internalTrafficPolicy), ['Cluster', 'Local']));
  }
  if (isSet(spec.trafficDistribution)) {
    const td = str(spec.trafficDistribution);
    const supported = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];
    if (!supported.includes(td)) errs.push(notSupported('spec.trafficDistribution', td, supported));
  }
  return errs;
}

