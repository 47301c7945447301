// Containers of a pod spec (pkg/apis/core/validation validateContainers, validateInitContainers,
// validateContainerCommon and what they call): names, image, ports, environment, mounts, pull
// policy, resources, probes, lifecycle hooks and security context.

import { type FieldError, type KObject, child, duplicate, forbidden, index, invalid, isSet, list, notFound, notSupported, num, obj, objects, required, str } from './field.js';
import { dnsLabelErrors, inclusiveRangeError, isConfigMapKey, isHTTPHeaderName, isRelaxedEnvVarName, isValidPortName, isValidPortNum, nameErrors, validateNonnegative } from './common.js';
import { ENV_FIELD_PATHS, validateObjectFieldSelector, validateResourceFieldSelector } from './downwardApi.js';
import { type VolumeMap, validateLocalDescendingPath, validatePathNoBacksteps } from './podVolumes.js';
import { validateResourceRequirements } from './resources.js';
import { nameIsDNSSubdomain } from '../machinery/validation.js';

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const MAX_INT32 = 2147483647;

/** Everything container validation needs to know about the pod around it. */
export interface PodContext {
  volumes: VolumeMap;
  claimNames: Set<string>;
  /** terminationGracePeriodSeconds, when set. */
  gracePeriod: number | undefined;
  restartPolicy: string;
  hostUsers: boolean;
}

/** validateContainerPorts. */
export function validateContainerPorts(ports: unknown, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  objects(ports).forEach((port, i) => {
    const p = index(fldPath, i);
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) errs.push(...msgs.map((m) => invalid(child(p, 'name'), name, m)));
      else if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const containerPort = num(port.containerPort);
    if (containerPort === 0) errs.push(required(child(p, 'containerPort')));
    else errs.push(...isValidPortNum(containerPort).map((m) => invalid(child(p, 'containerPort'), containerPort, m)));
    const hostPort = num(port.hostPort);
    if (hostPort !== 0) errs.push(...isValidPortNum(hostPort).map((m) => invalid(child(p, 'hostPort'), hostPort, m)));
    const protocol = str(port.protocol);
    if (!protocol) errs.push(required(child(p, 'protocol')));
    else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(p, 'protocol'), protocol, PROTOCOLS));
  });
  return errs;
}

function validateKeySelector(s: KObject, fldPath: string): FieldError[] {
  const errs = nameErrors(nameIsDNSSubdomain, str(s.name), child(fldPath, 'name'));
  const k = str(s.key);
  if (!k) errs.push(required(child(fldPath, 'key')));
  else errs.push(...isConfigMapKey(k).map((m) => invalid(child(fldPath, 'key'), k, m)));
  return errs;
}

function validateEnvVarValueFrom(ev: KObject, fldPath: string): FieldError[] {
  if (!isSet(ev.valueFrom)) return [];
  const from = obj(ev.valueFrom);
  const errs: FieldError[] = [];
  let sources = 0;
  if (isSet(from.fieldRef)) {
    sources++;
    errs.push(...validateObjectFieldSelector(from.fieldRef, ENV_FIELD_PATHS, child(fldPath, 'fieldRef')));
  }
  if (isSet(from.resourceFieldRef)) {
    sources++;
    errs.push(...validateResourceFieldSelector(from.resourceFieldRef, child(fldPath, 'resourceFieldRef'), false));
  }
  if (isSet(from.configMapKeyRef)) {
    sources++;
    errs.push(...validateKeySelector(obj(from.configMapKeyRef), child(fldPath, 'configMapKeyRef')));
  }
  if (isSet(from.secretKeyRef)) {
    sources++;
    errs.push(...validateKeySelector(obj(from.secretKeyRef), child(fldPath, 'secretKeyRef')));
  }
  if (isSet(from.fileKeyRef)) sources++;
  if (sources === 0) errs.push(invalid(fldPath, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (str(ev.value)) errs.push(invalid(fldPath, '', 'may not be specified when `value` is not empty'));
  else if (sources > 1) errs.push(invalid(fldPath, '', 'may not have more than one field specified at a time'));
  return errs;
}

/** ValidateEnv (relaxed variable names). */
export function validateEnv(env: unknown, fldPath: string): FieldError[] {
  return objects(env).flatMap((ev, i) => {
    const p = index(fldPath, i);
    const name = str(ev.name);
    const errs = name ? isRelaxedEnvVarName(name).map((m) => invalid(child(p, 'name'), name, m)) : [required(child(p, 'name'))];
    return [...errs, ...validateEnvVarValueFrom(ev, child(p, 'valueFrom'))];
  });
}

/** ValidateEnvFrom. */
export function validateEnvFrom(envFrom: unknown, fldPath: string): FieldError[] {
  return objects(envFrom).flatMap((ev, i) => {
    const p = index(fldPath, i);
    const errs: FieldError[] = [];
    const prefix = str(ev.prefix);
    if (prefix) errs.push(...isRelaxedEnvVarName(prefix).map((m) => invalid(child(p, 'prefix'), prefix, m)));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      if (!isSet(ev[kind])) continue;
      sources++;
      const name = str(obj(ev[kind]).name);
      if (!name) errs.push(required(child(p, kind, 'name')));
      else errs.push(...nameErrors((n) => nameIsDNSSubdomain(n, true), name, child(p, kind, 'name')));
    }
    if (sources === 0) errs.push(invalid(fldPath, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalid(fldPath, '', 'may not have more than one field specified at a time'));
    return errs;
  });
}

const MOUNT_PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];

/** ValidateVolumeMounts. */
export function validateVolumeMounts(c: KObject, volumes: VolumeMap, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPaths = new Set<string>();
  const devices = new Map(objects(c.volumeDevices).map((d) => [str(d.name), str(d.devicePath)]));
  const devicePaths = new Set(devices.values());
  objects(c.volumeMounts).forEach((m, i) => {
    const p = index(fldPath, i);
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (!name) errs.push(required(child(p, 'name')));
    if (!volumes.has(name)) errs.push(notFound(child(p, 'name'), name));
    if (!mountPath) errs.push(required(child(p, 'mountPath')));
    if (mountPaths.has(mountPath)) errs.push(invalid(child(p, 'mountPath'), mountPath, 'must be unique'));
    mountPaths.add(mountPath);
    if (devices.has(name)) errs.push(invalid(child(p, 'name'), name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath)) errs.push(invalid(child(p, 'mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    const subPath = str(m.subPath);
    const subPathExpr = str(m.subPathExpr);
    if (isSet(volumes.get(name)?.image)) {
      if (subPath) errs.push(invalid(child(p, 'subPath'), subPath, 'not allowed in image volume sources'));
      if (subPathExpr) errs.push(invalid(child(p, 'subPathExpr'), subPathExpr, 'not allowed in image volume sources'));
    }
    // Upstream reports these two under the list's path, not the item's.
    if (subPath) errs.push(...validateLocalDescendingPath(subPath, child(fldPath, 'subPath')));
    if (subPathExpr) {
      if (subPath) errs.push(invalid(child(p, 'subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, child(fldPath, 'subPathExpr')));
    }
    if (isSet(m.mountPropagation)) {
      const mp = str(m.mountPropagation);
      const propPath = child(fldPath, 'mountPropagation');
      if (!MOUNT_PROPAGATIONS.includes(mp)) errs.push(notSupported(propPath, mp, MOUNT_PROPAGATIONS));
      if (mp === 'Bidirectional' && obj(c.securityContext).privileged !== true) {
        errs.push(forbidden(propPath, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
    if (isSet(m.recursiveReadOnly)) {
      const rro = str(m.recursiveReadOnly);
      const rroPath = child(fldPath, 'recursiveReadOnly');
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (m.readOnly !== true) errs.push(forbidden(rroPath, 'may only be specified when readOnly is true'));
        if (isSet(m.mountPropagation) && str(m.mountPropagation) !== 'None') errs.push(forbidden(rroPath, 'may only be specified when mountPropagation is None or not specified'));
      } else if (rro !== 'Disabled') {
        errs.push(notSupported(rroPath, rro, ['Disabled', 'Enabled', 'IfPossible']));
      }
    }
  });
  return errs;
}

/** ValidateVolumeDevices. */
export function validateVolumeDevices(c: KObject, volumes: VolumeMap, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  const names = new Set<string>();
  const mounts = new Map(objects(c.volumeMounts).map((m) => [str(m.name), str(m.mountPath)]));
  const mountPaths = new Set(mounts.values());
  objects(c.volumeDevices).forEach((d, i) => {
    const p = index(fldPath, i);
    const name = str(d.name);
    const devicePath = str(d.devicePath);
    const source = volumes.get(name);
    const isPVC = !!source && (isSet(source.persistentVolumeClaim) || isSet(source.ephemeral));
    if (!name) errs.push(required(child(p, 'name')));
    if (names.has(name)) errs.push(invalid(child(p, 'name'), name, 'must be unique'));
    if (source && !isPVC) errs.push(invalid(child(p, 'name'), name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    if (!source) errs.push(notFound(child(p, 'name'), name));
    if (!devicePath) errs.push(required(child(p, 'devicePath')));
    if (paths.has(devicePath)) errs.push(invalid(child(p, 'devicePath'), devicePath, 'must be unique'));
    if (devicePath && validatePathNoBacksteps(devicePath, '').length) errs.push(invalid(child(p, 'devicePath'), devicePath, "can not contain backsteps ('..')"));
    else paths.add(devicePath);
    if (mounts.has(name)) errs.push(invalid(child(p, 'name'), name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devicePath)) errs.push(invalid(child(p, 'devicePath'), devicePath, 'must not already exist as a path in volumeMounts'));
    if (name) names.add(name);
  });
  return errs;
}

/** ValidatePortNumOrName for an IntOrString port. */
export function validatePortNumOrName(port: unknown, fldPath: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(fldPath, port, m));
  const n = typeof port === 'number' ? Math.trunc(port) : 0;
  return isValidPortNum(n).map((m) => invalid(fldPath, n, m));
}

function validateHandler(h: KObject, allowed: readonly string[], ctx: PodContext, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of allowed) {
    if (!isSet(h[kind])) continue;
    const p = child(fldPath, kind);
    if (count > 0) {
      errs.push(forbidden(p, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    const a = obj(h[kind]);
    switch (kind) {
      case 'exec':
        if (list(a.command).length === 0) errs.push(required(child(p, 'command')));
        break;
      case 'httpGet': {
        if (!str(a.path)) errs.push(required(child(p, 'path')));
        errs.push(...validatePortNumOrName(a.port, child(p, 'port')));
        const scheme = str(a.scheme);
        if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(child(p, 'scheme'), scheme, ['HTTP', 'HTTPS']));
        for (const header of objects(a.httpHeaders)) {
          const name = str(header.name);
          errs.push(...isHTTPHeaderName(name).map((m) => invalid(child(p, 'httpHeaders'), name, m)));
        }
        break;
      }
      case 'tcpSocket':
        errs.push(...validatePortNumOrName(a.port, child(p, 'port')));
        break;
      case 'grpc':
        errs.push(...validatePortNumOrName(num(a.port), child(p, 'port')));
        break;
      case 'sleep': {
        const seconds = num(a.seconds);
        if (ctx.gracePeriod !== undefined && (seconds < 0 || seconds > ctx.gracePeriod)) {
          errs.push(invalid(p, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${ctx.gracePeriod})`));
        }
        break;
      }
    }
  }
  if (count === 0) errs.push(required(fldPath, 'must specify a handler type'));
  return errs;
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

function validateProbe(probe: KObject, ctx: PodContext, fldPath: string): FieldError[] {
  const errs = validateHandler(probe, PROBE_HANDLERS, ctx, fldPath);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegative(num(probe[f]), child(fldPath, f)));
  }
  if (isSet(probe.terminationGracePeriodSeconds) && num(probe.terminationGracePeriodSeconds) <= 0) {
    errs.push(invalid(child(fldPath, 'terminationGracePeriodSeconds'), num(probe.terminationGracePeriodSeconds), 'must be greater than 0'));
  }
  return errs;
}

/** The liveness, readiness and startup probes and the lifecycle hooks of a container. */
function validateProbesAndLifecycle(c: KObject, ctx: PodContext, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isSet(c.lifecycle)) {
    const l = obj(c.lifecycle);
    for (const hook of ['postStart', 'preStop']) {
      if (isSet(l[hook])) errs.push(...validateHandler(obj(l[hook]), LIFECYCLE_HANDLERS, ctx, child(p, 'lifecycle', hook)));
    }
  }
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    if (!isSet(c[kind])) continue;
    const probe = obj(c[kind]);
    const pp = child(p, kind);
    errs.push(...validateProbe(probe, ctx, pp));
    if (kind !== 'readinessProbe' && num(probe.successThreshold) !== 1) errs.push(invalid(child(pp, 'successThreshold'), num(probe.successThreshold), 'must be 1'));
    if (kind === 'readinessProbe' && isSet(probe.terminationGracePeriodSeconds)) {
      errs.push(invalid(child(pp, 'terminationGracePeriodSeconds'), num(probe.terminationGracePeriodSeconds), 'must not be set for readinessProbes'));
    }
  }
  return errs;
}

const validID = (id: number): string[] => (id < 0 || id > MAX_INT32 ? [inclusiveRangeError(0, MAX_INT32)] : []);

/** validateSeccompProfileField / ValidateAppArmorProfileField. */
export function validateProfile(profile: unknown, what: 'seccomp' | 'AppArmor', fldPath: string): FieldError[] {
  if (!isSet(profile)) return [];
  const sp = obj(profile);
  const type = str(sp.type);
  const errs: FieldError[] = [];
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (!type) errs.push(required(child(fldPath, 'type'), `type is required when ${what === 'seccomp' ? 'seccompProfile' : 'appArmorProfile'} is set`));
  else if (!types.includes(type)) errs.push(notSupported(child(fldPath, 'type'), type, types));
  if (type === 'Localhost') {
    if (!isSet(sp.localhostProfile) || (what === 'AppArmor' && !str(sp.localhostProfile))) {
      errs.push(required(child(fldPath, 'localhostProfile'), `must be set when ${what} type is Localhost`));
    } else if (what === 'seccomp') {
      errs.push(...validateLocalDescendingPath(str(sp.localhostProfile), child(fldPath, 'localhostProfile')));
    }
  } else if (isSet(sp.localhostProfile)) {
    errs.push(invalid(child(fldPath, 'localhostProfile'), str(sp.localhostProfile), `can only be set when ${what} type is Localhost`));
  }
  return errs;
}

/** ValidateSecurityContext of one container (the checks that do not depend on cluster policy). */
export function validateSecurityContext(scValue: unknown, hostUsers: boolean, fldPath: string): FieldError[] {
  if (!isSet(scValue)) return [];
  const sc = obj(scValue);
  const errs: FieldError[] = [];
  if (isSet(sc.runAsUser)) errs.push(...validID(num(sc.runAsUser)).map((m) => invalid(child(fldPath, 'runAsUser'), num(sc.runAsUser), m)));
  if (isSet(sc.runAsGroup)) errs.push(...validID(num(sc.runAsGroup)).map((m) => invalid(child(fldPath, 'runAsGroup'), num(sc.runAsGroup), m)));
  if (isSet(sc.procMount)) {
    const pm = str(sc.procMount);
    if (pm !== 'Default' && pm !== 'Unmasked') errs.push(notSupported(child(fldPath, 'procMount'), pm, ['Default', 'Unmasked']));
    if (hostUsers && pm === 'Unmasked') errs.push(invalid(child(fldPath, 'procMount'), pm, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateProfile(sc.seccompProfile, 'seccomp', child(fldPath, 'seccompProfile')));
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
    errs.push(invalid(fldPath, securityContextValue(sc), 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
  if (sc.allowPrivilegeEscalation === false && list(obj(sc.capabilities).add).includes('CAP_SYS_ADMIN')) {
    errs.push(invalid(fldPath, securityContextValue(sc), 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
  }
  errs.push(...validateProfile(sc.appArmorProfile, 'AppArmor', child(fldPath, 'appArmorProfile')));
  return errs;
}

/** A stand-in for %#v of a *core.SecurityContext (upstream prints the struct with pointer addresses). */
function securityContextValue(sc: KObject): { goString(): string } {
  return { goString: () => `core.SecurityContext{${Object.keys(sc).sort().map((k) => `${k[0].toUpperCase()}${k.slice(1)}:${JSON.stringify(sc[k])}`).join(', ')}}` };
}

function validateResizePolicy(policies: unknown, restartPolicy: string, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  objects(policies).forEach((p, i) => {
    const name = str(p.resourceName);
    const policy = str(p.restartPolicy);
    if (seen.has(name)) errs.push(duplicate(index(fldPath, i), name));
    seen.add(name);
    if (!name) errs.push(required(fldPath));
    else if (name !== 'cpu' && name !== 'memory') errs.push(notSupported(fldPath, name, ['cpu', 'memory']));
    if (!policy) errs.push(required(fldPath));
    else if (policy !== 'NotRequired' && policy !== 'RestartContainer') errs.push(notSupported(fldPath, policy, ['NotRequired', 'RestartContainer']));
    if (restartPolicy === 'Never' && policy !== 'NotRequired') errs.push(invalid(fldPath, policy, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
  });
  return errs;
}

function validateResourceClaimNames(claims: unknown, podClaims: Set<string>, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  objects(claims).forEach((c, i) => {
    const p = index(fldPath, i);
    const name = str(c.name);
    if (!name) {
      errs.push(required(p));
      return;
    }
    if (names.has(name)) errs.push(duplicate(p, name));
    else {
      let k = name;
      if (str(c.request)) {
        errs.push(...dnsLabelErrors(str(c.request), child(p, 'request')));
        k += `/${str(c.request)}`;
      }
      if (names.has(k)) errs.push(duplicate(p, k));
      names.add(k);
    }
    if (!podClaims.has(name)) {
      const known = [...podClaims].sort();
      errs.push(notFound(p, name, `must be one of the names in pod.spec.resourceClaims${known.length ? `: ${known.join(', ')}` : ' which is empty'}`));
    }
  });
  return errs;
}

/** validateContainerCommon: what every container kind shares. */
export function validateContainerCommon(c: KObject, ctx: PodContext, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(required(child(p, 'name')));
  else errs.push(...dnsLabelErrors(name, child(p, 'name')));
  if (!str(c.image)) errs.push(required(child(p, 'image')));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(required(child(p, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(child(p, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(c.ports, child(p, 'ports')));
  errs.push(...validateEnv(c.env, child(p, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, child(p, 'envFrom')));
  errs.push(...validateVolumeMounts(c, ctx.volumes, child(p, 'volumeMounts')));
  errs.push(...validateVolumeDevices(c, ctx.volumes, child(p, 'volumeDevices')));
  const pull = str(c.imagePullPolicy);
  if (!pull) errs.push(required(child(p, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(child(p, 'imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources, child(p, 'resources')));
  errs.push(...validateResourceClaimNames(obj(c.resources).claims, ctx.claimNames, child(p, 'resources', 'claims')));
  errs.push(...validateResizePolicy(c.resizePolicy, ctx.restartPolicy, child(p, 'resizePolicy')));
  errs.push(...validateSecurityContext(c.securityContext, ctx.hostUsers, child(p, 'securityContext')));
  return errs;
}

/** AccumulateUniqueHostPorts over `containers`, indexed from 0 (as upstream does even for one init container). */
function checkHostPortConflicts(containers: KObject[], fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    objects(c.ports).forEach((port, pi) => {
      const hostPort = num(port.hostPort);
      if (hostPort === 0) return;
      const k = `${str(port.protocol)}/${str(port.hostIP)}/${hostPort}`;
      if (seen.has(k)) errs.push(duplicate(child(index(child(index(fldPath, ci), 'ports'), pi), 'hostPort'), k));
      else seen.add(k);
    });
  });
  return errs;
}

/** validateContainers: at least one, unique names, probes and hooks; restartPolicy only for init containers. */
export function validateContainers(containers: unknown, ctx: PodContext, fldPath: string): FieldError[] {
  const list_ = objects(containers);
  if (list_.length === 0) return [required(fldPath)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list_.forEach((c, i) => {
    const p = index(fldPath, i);
    errs.push(...validateContainerCommon(c, ctx, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else names.add(name);
    errs.push(...validateProbesAndLifecycle(c, ctx, p));
    if (isSet(c.restartPolicy)) errs.push(forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(list_, fldPath));
  return errs;
}

/** validateInitContainers: sidecars (restartPolicy Always) may have probes and hooks, others may not. */
export function validateInitContainers(initContainers: unknown, containers: unknown, ctx: PodContext, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(objects(containers).map((c) => str(c.name)));
  objects(initContainers).forEach((c, i) => {
    const p = index(fldPath, i);
    errs.push(...validateContainerCommon(c, ctx, p));
    let restartAlways = false;
    if (isSet(c.restartPolicy)) {
      const rp = str(c.restartPolicy);
      if (rp !== 'Always') errs.push(notSupported(child(p, 'restartPolicy'), rp, ['Always']));
      restartAlways = rp === 'Always';
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else if (name) names.add(name);
    errs.push(...checkHostPortConflicts([c], fldPath));
    if (restartAlways) {
      errs.push(...validateProbesAndLifecycle(c, ctx, p));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (isSet(c[f])) errs.push(forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}
