import { describe, expect, it } from 'vitest';
import type { FieldError, KObject } from './field.js';
import { admitErrors, deployment } from './testing.js';

const DNS_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const P = 'spec.template.spec';

/** A deployment whose pod spec `edit` changed. */
function withSpec(edit: (spec: KObject, c: KObject) => void): KObject {
  const d = deployment();
  const spec = d.spec.template.spec;
  edit(spec, spec.containers[0]);
  return d;
}

const errorsOf = (d: KObject) => admitErrors('apps', 'v1', 'deployments', d);

describe('pod template validation (through a Deployment)', () => {
  it('accepts a realistic template', () => {
    expect(errorsOf(deployment())).toEqual([]);
  });

  const cases: [string, (spec: KObject, c: KObject) => void, FieldError[]][] = [
    ['no containers', (s) => { s.containers = []; }, [{ type: 'Required', field: `${P}.containers` }]],
    ['a container without image', (_s, c) => { delete c.image; }, [{ type: 'Required', field: `${P}.containers[0].image` }]],
    ['a container name that is not a DNS label', (_s, c) => { c.name = 'Web_1'; }, [{ type: 'Invalid', field: `${P}.containers[0].name`, value: 'Web_1', detail: DNS_LABEL }]],
    ['two containers with one name', (s, c) => { s.containers.push({ ...structuredClone(c), ports: [] }); }, [{ type: 'Duplicate', field: `${P}.containers[1].name`, value: 'nginx' }]],
    ['a port out of range', (_s, c) => { c.ports[0].containerPort = 70000; }, [{ type: 'Invalid', field: `${P}.containers[0].ports[0].containerPort`, value: 70000, detail: 'must be between 1 and 65535, inclusive' }]],
    ['a port without number', (_s, c) => { delete c.ports[0].containerPort; }, [{ type: 'Required', field: `${P}.containers[0].ports[0].containerPort` }]],
    ['two ports with one name', (_s, c) => { c.ports.push({ name: 'http', containerPort: 8080 }); }, [{ type: 'Duplicate', field: `${P}.containers[0].ports[1].name`, value: 'http' }]],
    ['a port name with capitals', (_s, c) => { c.ports[0].name = 'HTTP'; }, [
      { type: 'Invalid', field: `${P}.containers[0].ports[0].name`, value: 'HTTP', detail: 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)' },
      { type: 'Invalid', field: `${P}.containers[0].ports[0].name`, value: 'HTTP', detail: 'must contain at least one letter (a-z)' },
    ]],
    ['an unknown protocol', (_s, c) => { c.ports[0].protocol = 'HTTP'; }, [{ type: 'NotSupported', field: `${P}.containers[0].ports[0].protocol`, value: 'HTTP', supported: ['SCTP', 'TCP', 'UDP'] }]],
    ['an environment variable name with =', (_s, c) => { c.env[0].name = 'A=B'; }, [{ type: 'Invalid', field: `${P}.containers[0].env[0].name`, value: 'A=B', detail: "a valid environment variable name must consist only of printable ASCII characters other than '='" }]],
    ['an unsupported downward API field', (_s, c) => { c.env[1].valueFrom.fieldRef.fieldPath = 'status.phase'; }, [{
      type: 'NotSupported', field: `${P}.containers[0].env[1].valueFrom.fieldRef.fieldPath`, value: 'status.phase',
      supported: ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'],
    }]],
    ['an env source and a value', (_s, c) => { c.env[1].value = 'x'; }, [{ type: 'Invalid', field: `${P}.containers[0].env[1].valueFrom`, value: '', detail: 'may not be specified when `value` is not empty' }]],
    ['two volumes with one name', (s) => { s.volumes.push({ name: 'config', emptyDir: {} }); }, [{ type: 'Duplicate', field: `${P}.volumes[1].name`, value: 'config' }]],
    ['a volume with two sources', (s) => { s.volumes[0].secret = { secretName: 's' }; }, [
      // Sources are checked in upstream's order: secret comes before configMap.
      { type: 'Forbidden', field: `${P}.volumes[0].configMap`, detail: 'may not specify more than 1 volume type' },
      // The volume is not registered, so its mount does not find it.
      { type: 'NotFound', field: `${P}.containers[0].volumeMounts[0].name`, value: 'config' },
    ]],
    ['a volume name that is not a DNS label', (s, c) => { s.volumes[0].name = 'Config'; c.volumeMounts[0].name = 'Config'; }, [
      { type: 'Invalid', field: `${P}.volumes[0].name`, value: 'Config', detail: DNS_LABEL },
      { type: 'NotFound', field: `${P}.containers[0].volumeMounts[0].name`, value: 'Config' },
    ]],
    ['a configMap volume without name', (s) => { s.volumes[0].configMap = {}; }, [
      { type: 'Required', field: `${P}.volumes[0].configMap.name` },
      { type: 'NotFound', field: `${P}.containers[0].volumeMounts[0].name`, value: 'config' },
    ]],
    ['a mount of an unknown volume', (_s, c) => { c.volumeMounts.push({ name: 'data', mountPath: '/data' }); }, [{ type: 'NotFound', field: `${P}.containers[0].volumeMounts[1].name`, value: 'data' }]],
    ['two mounts at one path', (s, c) => { s.volumes.push({ name: 'cache', emptyDir: {} }); c.volumeMounts.push({ name: 'cache', mountPath: '/etc/nginx/conf.d' }); }, [
      { type: 'Invalid', field: `${P}.containers[0].volumeMounts[1].mountPath`, value: '/etc/nginx/conf.d', detail: 'must be unique' },
    ]],
    ['a probe with two handlers', (_s, c) => { c.readinessProbe.tcpSocket = { port: 80 }; }, [{ type: 'Forbidden', field: `${P}.containers[0].readinessProbe.tcpSocket`, detail: 'may not specify more than 1 handler type' }]],
    ['a probe without handler', (_s, c) => { c.livenessProbe = { periodSeconds: 5 }; }, [{ type: 'Required', field: `${P}.containers[0].livenessProbe`, detail: 'must specify a handler type' }]],
    ['a liveness probe with successThreshold 2', (_s, c) => { c.livenessProbe = { exec: { command: ['true'] }, successThreshold: 2 }; }, [
      { type: 'Invalid', field: `${P}.containers[0].livenessProbe.successThreshold`, value: 2, detail: 'must be 1' },
    ]],
    ['requests above limits', (_s, c) => { c.resources.requests.cpu = '1'; }, [
      { type: 'Invalid', field: `${P}.containers[0].resources.requests`, value: '1', detail: 'must be less than or equal to cpu limit of 500m' },
    ]],
    ['a negative request', (_s, c) => { c.resources = { requests: { memory: '-1Mi' } }; }, [
      { type: 'Invalid', field: `${P}.containers[0].resources.requests[memory]`, value: '-1Mi', detail: 'must be greater than or equal to 0' },
    ]],
    ['an unknown resource name', (_s, c) => { c.resources = { limits: { gpu: '1' } }; }, [
      { type: 'Invalid', field: `${P}.containers[0].resources.limits[gpu]`, value: 'gpu', detail: 'must be a standard resource type or fully qualified' },
      { type: 'Invalid', field: `${P}.containers[0].resources.limits[gpu]`, value: 'gpu', detail: 'must be a standard resource for containers' },
    ]],
    ['an unknown pull policy', (_s, c) => { c.imagePullPolicy = 'Sometimes'; }, [
      { type: 'NotSupported', field: `${P}.containers[0].imagePullPolicy`, value: 'Sometimes', supported: ['Always', 'IfNotPresent', 'Never'] },
    ]],
    ['restartPolicy on a regular container', (_s, c) => { c.restartPolicy = 'Always'; }, [
      { type: 'Forbidden', field: `${P}.containers[0].restartPolicy`, detail: 'may not be set for non-init containers' },
    ]],
    ['a probe on an init container that is not a sidecar', (s) => { s.initContainers = [{ name: 'init', image: 'busybox', livenessProbe: { exec: { command: ['true'] } } }]; }, [
      { type: 'Forbidden', field: `${P}.initContainers[0].livenessProbe`, detail: 'may not be set for init containers without restartPolicy=Always' },
    ]],
    ['a sidecar with another restart policy', (s) => { s.initContainers = [{ name: 'proxy', image: 'envoy', restartPolicy: 'OnFailure' }]; }, [
      { type: 'NotSupported', field: `${P}.initContainers[0].restartPolicy`, value: 'OnFailure', supported: ['Always'] },
    ]],
    ['an init container named like a container', (s) => { s.initContainers = [{ name: 'nginx', image: 'busybox' }]; }, [
      { type: 'Duplicate', field: `${P}.initContainers[0].name`, value: 'nginx' },
    ]],
    ['an unknown DNS policy', (s) => { s.dnsPolicy = 'Google'; }, [
      { type: 'NotSupported', field: `${P}.dnsPolicy`, value: 'Google', supported: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] },
    ]],
    ['dnsPolicy None without dnsConfig', (s) => { s.dnsPolicy = 'None'; }, [
      { type: 'Required', field: `${P}.dnsConfig`, detail: 'must provide `dnsConfig` when `dnsPolicy` is None' },
    ]],
    ['an invalid nodeSelector label', (s) => { s.nodeSelector = { 'disk type': 'ssd' }; }, [
      { type: 'Invalid', field: `${P}.nodeSelector`, value: 'disk type', detail: "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')" },
    ]],
    ['a toleration without key and operator Equal', (s) => { s.tolerations = [{ operator: 'Equal', value: 'x', effect: 'NoSchedule' }]; }, [
      { type: 'Invalid', field: `${P}.tolerations[0].operator`, value: 'Equal', detail: 'operator must be Exists when `key` is empty, which means "match all values and all keys"' },
    ]],
    ['a node affinity term with an unknown operator', (s) => {
      s.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Near', values: ['a'] }] }] } } };
    }, [
      { type: 'Invalid', field: `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator`, value: 'Near', detail: 'not a valid selector operator' },
    ]],
    ['a topology spread constraint with maxSkew 0', (s) => { s.topologySpreadConstraints = [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }]; }, [
      { type: 'Invalid', field: `${P}.topologySpreadConstraints[0].maxSkew`, value: 0, detail: 'must be greater than zero' },
    ]],
    ['a negative runAsUser', (s) => { s.securityContext = { runAsUser: -1 }; }, [
      { type: 'Invalid', field: `${P}.securityContext.runAsUser`, value: -1, detail: 'must be between 0 and 2147483647, inclusive' },
    ]],
    ['a seccomp profile without type', (_s, c) => { c.securityContext = { seccompProfile: {} }; }, [
      { type: 'Required', field: `${P}.containers[0].securityContext.seccompProfile.type`, detail: 'type is required when seccompProfile is set' },
    ]],
    ['activeDeadlineSeconds 0', (s) => { s.activeDeadlineSeconds = 0; }, [
      { type: 'Invalid', field: `${P}.activeDeadlineSeconds`, value: 0, detail: 'must be between 1 and 2147483647, inclusive' },
      { type: 'Forbidden', field: `${P}.activeDeadlineSeconds`, detail: 'activeDeadlineSeconds in ReplicaSet is not Supported' },
    ]],
    ['an unknown OS', (s) => { s.os = { name: 'plan9' }; }, [{ type: 'NotSupported', field: `${P}.os.name`, value: 'plan9', supported: ['linux', 'windows'] }]],
  ];

  it.each(cases)('rejects %s', (_name, edit, expected) => {
    expect(errorsOf(withSpec(edit))).toEqual(expected);
  });

  it('reports template labels under the template path, as upstream does', () => {
    const d = deployment();
    d.spec.template.metadata.labels['bad key'] = 'x';
    expect(errorsOf(d)).toContainEqual(expect.objectContaining({ type: 'Invalid', field: 'spec.template.labels', value: 'bad key' }));
  });

  it('accepts a sidecar init container with probes', () => {
    const d = withSpec((s) => {
      s.initContainers = [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 15000 } } }];
    });
    expect(errorsOf(d)).toEqual([]);
  });
});
