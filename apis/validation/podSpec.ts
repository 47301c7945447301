// Pod templates and pod specs (pkg/apis/core/validation ValidatePodTemplateSpec and ValidatePodSpec),
// in upstream's order of checks. Container, volume and scheduling rules live in their own files.

import { validateAnnotations, validateLabels } from '../machinery/objectMetaValidation.js';
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from '../machinery/validation.js';
import { type FieldError, type KObject, child, duplicate, forbidden, index, invalid, isSet, list, notSupported, num, obj, objects, required, str } from './field.js';
import { dnsLabelErrors, inclusiveRangeError, nameErrors, qualifiedNameErrors, validateIP } from './common.js';
import { goStringSlice } from './goValue.js';
import { type PodContext, validateContainers, validateInitContainers, validateProfile } from './podContainers.js';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './podScheduling.js';
import { validateVolumes } from './podVolumes.js';
import { validateResourceName, validateResourceRequirements } from './resources.js';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;

function validatePodResourceClaims(claims: unknown, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  objects(claims).forEach((c, i) => {
    const p = index(fldPath, i);
    const name = str(c.name);
    if (!name) errs.push(required(child(p, 'name')));
    else if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else {
      errs.push(...dnsLabelErrors(name, child(p, 'name')));
      names.add(name);
    }
    const hasName = isSet(c.resourceClaimName);
    const hasTemplate = isSet(c.resourceClaimTemplateName);
    if (hasName && hasTemplate) errs.push(invalid(p, podResourceClaimValue(c), 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    if (!hasName && !hasTemplate) errs.push(invalid(p, podResourceClaimValue(c), 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    if (hasName) errs.push(...nameErrors(nameIsDNSSubdomain, str(c.resourceClaimName), child(p, 'resourceClaimName')));
    if (hasTemplate) errs.push(...nameErrors(nameIsDNSSubdomain, str(c.resourceClaimTemplateName), child(p, 'resourceClaimTemplateName')));
  });
  return errs;
}

/** %#v of a core.PodResourceClaim (pointer fields print as addresses upstream; shown here by presence). */
function podResourceClaimValue(c: KObject): { goString(): string } {
  const ptr = (v: unknown) => (isSet(v) ? '(*string)(0xc000010000)' : '(*string)(nil)');
  return { goString: () => `core.PodResourceClaim{Name:${JSON.stringify(str(c.name))}, ResourceClaimName:${ptr(c.resourceClaimName)}, ResourceClaimTemplateName:${ptr(c.resourceClaimTemplateName)}}` };
}

function validatePodSecurityContext(spec: KObject, specPath: string): FieldError[] {
  if (!isSet(spec.securityContext)) return [];
  const sc = obj(spec.securityContext);
  const fldPath = child(specPath, 'securityContext');
  const errs: FieldError[] = [];
  const id = (f: string) => {
    if (!isSet(sc[f])) return;
    const v = num(sc[f]);
    if (v < 0 || v > MAX_INT32) errs.push(invalid(child(fldPath, f), v, inclusiveRangeError(0, MAX_INT32)));
  };
  id('fsGroup');
  id('runAsUser');
  id('runAsGroup');
  list(sc.supplementalGroups).forEach((g, i) => {
    const v = num(g);
    if (v < 0 || v > MAX_INT32) errs.push(invalid(index(child(fldPath, 'supplementalGroups'), i), v, inclusiveRangeError(0, MAX_INT32)));
  });
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(invalid(child(fldPath, 'shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  if (isSet(sc.fsGroupChangePolicy) && !['Always', 'OnRootMismatch'].includes(str(sc.fsGroupChangePolicy))) {
    errs.push(notSupported(child(fldPath, 'fsGroupChangePolicy'), str(sc.fsGroupChangePolicy), ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateProfile(sc.seccompProfile, 'seccomp', child(fldPath, 'seccompProfile')));
  errs.push(...validateProfile(sc.appArmorProfile, 'AppArmor', child(fldPath, 'appArmorProfile')));
  if (isSet(sc.supplementalGroupsPolicy) && !['Merge', 'Strict'].includes(str(sc.supplementalGroupsPolicy))) {
    errs.push(notSupported(child(fldPath, 'supplementalGroupsPolicy'), str(sc.supplementalGroupsPolicy), ['Merge', 'Strict']));
  }
  return errs;
}

function validateDNSConfig(spec: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const policy = str(spec.dnsPolicy);
  if (policy === 'None') {
    if (!isSet(spec.dnsConfig)) return [required(fldPath, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (list(obj(spec.dnsConfig).nameservers).length === 0) return [required(child(fldPath, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!isSet(spec.dnsConfig)) return errs;
  const c = obj(spec.dnsConfig);
  const nameservers = list(c.nameservers).map(str);
  if (nameservers.length > 3) errs.push(invalid(child(fldPath, 'nameservers'), goStringSlice(nameservers), 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => errs.push(...validateIP(index(child(fldPath, 'nameservers'), i), ns)));
  const searches = list(c.searches).map(str);
  if (searches.length > 32) errs.push(invalid(child(fldPath, 'searches'), goStringSlice(searches), 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) errs.push(invalid(child(fldPath, 'searches'), goStringSlice(searches), 'must not have more than 2048 characters (including spaces) in the search list'));
  searches.forEach((s, i) => {
    if (s === '.') return;
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    // RelaxedDNSSearchValidation (on by default): underscores are accepted.
    const msgs = isDNS1123Subdomain(trimmed.replace(/_/g, 'a'));
    errs.push(...msgs.map((m) => invalid(index(child(fldPath, 'searches'), i), trimmed, m.replace("lower case alphanumeric characters, '-' or '.'", "lower case alphanumeric characters, '-', '_' or '.'"))));
  });
  objects(c.options).forEach((o, i) => {
    if (!str(o.name)) errs.push(required(index(child(fldPath, 'options'), i), 'must not be empty'));
  });
  return errs;
}

function validatePodResources(spec: KObject, fldPath: string): FieldError[] {
  if (!isSet(spec.resources)) return [];
  const r = obj(spec.resources);
  const errs: FieldError[] = [];
  if (isSet(r.claims)) errs.push(forbidden(child(fldPath, 'claims'), 'claims cannot be set for Resources at pod-level'));
  errs.push(...validateResourceRequirements(r, fldPath, (name, p) => {
    const e = validateResourceName(name, p);
    if (e.length) return e;
    return name === 'cpu' || name === 'memory' || name.startsWith('hugepages-') ? [] : [notSupported(p, name, ['cpu', 'hugepages-1Gi', 'hugepages-2Mi', 'memory'])];
  }));
  return errs;
}

/** ValidatePodSpec for a spec embedded in a template (not a Pod object). */
export function validatePodSpec(specValue: unknown, fldPath: string): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  if (!isSet(spec.terminationGracePeriodSeconds)) errs.push(required(child(fldPath, 'terminationGracePeriodSeconds')));
  const sc = obj(spec.securityContext);
  const ctx: PodContext = {
    volumes: new Map(),
    claimNames: new Set(objects(spec.resourceClaims).map((c) => str(c.name)).filter(Boolean)),
    gracePeriod: isSet(spec.terminationGracePeriodSeconds) ? num(spec.terminationGracePeriodSeconds) : undefined,
    restartPolicy: str(spec.restartPolicy),
    hostUsers: spec.hostUsers !== false && sc.hostUsers !== false,
  };
  const vols = validateVolumes(spec.volumes, child(fldPath, 'volumes'));
  ctx.volumes = vols.volumes;
  errs.push(...vols.errs);
  errs.push(...validatePodResourceClaims(spec.resourceClaims, child(fldPath, 'resourceClaims')));
  errs.push(...validateContainers(spec.containers, ctx, child(fldPath, 'containers')));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, ctx, child(fldPath, 'initContainers')));
  errs.push(...validatePodResources(spec, child(fldPath, 'resources')));
  if (spec.hostNetwork === true) {
    objects(spec.containers).forEach((c, i) => {
      objects(c.ports).forEach((port, j) => {
        const hp = num(port.hostPort);
        if (hp !== 0 && hp !== num(port.containerPort)) {
          errs.push(invalid(child(index(child(index(child(fldPath, 'containers'), i), 'ports'), j), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  const restartPolicy = str(spec.restartPolicy);
  if (!restartPolicy) errs.push(required(child(fldPath, 'restartPolicy')));
  else if (!RESTART_POLICIES.includes(restartPolicy)) errs.push(notSupported(child(fldPath, 'restartPolicy'), restartPolicy, RESTART_POLICIES));
  const dnsPolicy = str(spec.dnsPolicy);
  if (!dnsPolicy) errs.push(required(child(fldPath, 'dnsPolicy')));
  else if (!DNS_POLICIES.includes(dnsPolicy)) errs.push(notSupported(child(fldPath, 'dnsPolicy'), dnsPolicy, DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, child(fldPath, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(spec, fldPath));
  objects(spec.imagePullSecrets).forEach((ref, i) => {
    if (Object.keys(ref).some((k) => k !== 'name')) {
      errs.push(invalid(index(child(fldPath, 'imagePullSecrets'), i), { goString: () => `core.LocalObjectReference{Name:${JSON.stringify(str(ref.name))}}` }, 'only name may be set'));
    }
  });
  errs.push(...validateAffinity(spec.affinity, child(fldPath, 'affinity')));
  errs.push(...validateDNSConfig(spec, child(fldPath, 'dnsConfig')));
  objects(spec.readinessGates).forEach((g, i) => errs.push(...qualifiedNameErrors(str(g.conditionType), child(index(child(fldPath, 'readinessGates'), i), 'conditionType'))));
  const gates = new Set<string>();
  objects(spec.schedulingGates).forEach((g, i) => {
    const p = index(child(fldPath, 'schedulingGates'), i);
    const name = str(g.name);
    errs.push(...isQualifiedName(name).map((m) => invalid(p, name, m)));
    if (gates.has(name)) errs.push(duplicate(p, name));
    gates.add(name);
  });
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, child(fldPath, 'topologySpreadConstraints')));
  if (spec.hostUsers === false) {
    if (spec.hostNetwork === true) errs.push(forbidden(child(fldPath, 'hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostPID === true) errs.push(forbidden(child(fldPath, 'HostPID'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostIPC === true) errs.push(forbidden(child(fldPath, 'HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  }
  if (str(spec.serviceAccountName)) errs.push(...nameErrors(nameIsDNSSubdomain, str(spec.serviceAccountName), child(fldPath, 'serviceAccountName')));
  if (str(spec.nodeName)) errs.push(...nameErrors(nameIsDNSSubdomain, str(spec.nodeName), child(fldPath, 'nodeName')));
  if (isSet(spec.activeDeadlineSeconds)) {
    const v = num(spec.activeDeadlineSeconds);
    if (v < 1 || v > MAX_INT32) errs.push(invalid(child(fldPath, 'activeDeadlineSeconds'), v, inclusiveRangeError(1, MAX_INT32)));
  }
  if (str(spec.hostname)) errs.push(...dnsLabelErrors(str(spec.hostname), child(fldPath, 'hostname')));
  if (str(spec.subdomain)) errs.push(...dnsLabelErrors(str(spec.subdomain), child(fldPath, 'subdomain')));
  errs.push(...validateTolerations(spec.tolerations, child(fldPath, 'tolerations')));
  objects(spec.hostAliases).forEach((a, i) => {
    const p = index(child(fldPath, 'hostAliases'), i);
    errs.push(...validateIP(child(p, 'ip'), str(a.ip)));
    list(a.hostnames).map(str).forEach((h, j) => errs.push(...isDNS1123Subdomain(h).map((m) => invalid(index(child(p, 'hostnames'), j), h, m))));
  });
  if (str(spec.priorityClassName)) errs.push(...nameErrors(nameIsDNSSubdomain, str(spec.priorityClassName), child(fldPath, 'priorityClassName')));
  if (isSet(spec.runtimeClassName)) errs.push(...nameErrors(nameIsDNSSubdomain, str(spec.runtimeClassName), child(fldPath, 'runtimeClassName')));
  if (isSet(spec.preemptionPolicy)) {
    const pp = str(spec.preemptionPolicy);
    if (!pp) errs.push(required(child(fldPath, 'preemptionPolicy')));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never') errs.push(notSupported(child(fldPath, 'preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
  }
  if (isSet(spec.overhead)) errs.push(...validateResourceRequirements({ limits: spec.overhead }, child(fldPath, 'overhead')));
  if (isSet(spec.os)) {
    const name = str(obj(spec.os).name);
    if (name !== 'linux' && name !== 'windows') errs.push(notSupported(child(fldPath, 'os', 'name'), name, ['linux', 'windows']));
  }
  return errs;
}

/** ValidatePodTemplateSpec: template labels and annotations (reported under the template's path), then the spec. */
export function validatePodTemplateSpec(templateValue: unknown, fldPath: string): FieldError[] {
  const t = obj(templateValue);
  const meta = obj(t.metadata);
  const errs = [
    ...validateLabels(meta.labels, child(fldPath, 'labels')),
    ...validateAnnotations(meta.annotations, child(fldPath, 'annotations')),
    ...validatePodSpec(t.spec, child(fldPath, 'spec')),
  ];
  if (list(obj(t.spec).ephemeralContainers).length > 0) {
    errs.push(forbidden(child(fldPath, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}
