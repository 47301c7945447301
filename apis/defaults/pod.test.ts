import { describe, expect, it } from 'vitest';
import {
  defaultPod,
  defaultPodSpec,
  defaultPodTemplateSpec,
  defaultPullPolicy,
  parseImageReference,
} from './pod.js';

/** A Deployment's pod template as a user would write it. */
function webTemplate(): Record<string, any> {
  return {
    metadata: { labels: { app: 'web' }, annotations: { 'example.com/team': 'storefront' } },
    spec: {
      serviceAccountName: 'web',
      initContainers: [
        {
          name: 'migrate',
          image: 'registry.example.com/shop/migrate:v3.2.1',
          command: ['/bin/migrate', '--up'],
          env: [
            { name: 'DB_HOST', value: 'postgres' },
            { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          ],
        },
        {
          name: 'log-shipper',
          image: 'fluent/fluent-bit',
          restartPolicy: 'Always',
          resources: { limits: { cpu: '100m', memory: '64Mi' } },
          volumeMounts: [{ name: 'logs', mountPath: '/var/log/app' }],
          startupProbe: { exec: { command: ['test', '-S', '/tmp/fluent.sock'] } },
        },
      ],
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }],
          env: [
            { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
          ],
          envFrom: [{ configMapRef: { name: 'web-config' } }],
          resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
          livenessProbe: { httpGet: { port: 'http' }, initialDelaySeconds: 10 },
          readinessProbe: { httpGet: { path: '/ready', port: 8080, scheme: 'HTTPS' }, periodSeconds: 5 },
          startupProbe: { grpc: { port: 9090 }, failureThreshold: 30 },
          lifecycle: { preStop: { httpGet: { port: 8080 } } },
          volumeMounts: [
            { name: 'config', mountPath: '/etc/web', readOnly: true },
            { name: 'logs', mountPath: '/var/log/app' },
            { name: 'cache', mountPath: '/cache' },
          ],
        },
        { name: 'sidecar', image: 'busybox:latest', args: ['sleep', 'infinity'] },
      ],
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: {
                labelSelector: { matchLabels: { app: 'web' } },
                topologyKey: 'kubernetes.io/hostname',
              },
            },
          ],
        },
      },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
      volumes: [
        { name: 'config', configMap: { name: 'web-config', items: [{ key: 'nginx.conf', path: 'nginx.conf' }] } },
        { name: 'logs' },
        { name: 'tls', secret: { secretName: 'web-tls' } },
        { name: 'host-certs', hostPath: { path: '/etc/ssl/certs' } },
        {
          name: 'podinfo',
          downwardAPI: {
            items: [
              { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
              { path: 'mem', resourceFieldRef: { containerName: 'web', resource: 'limits.memory' } },
            ],
          },
        },
        {
          name: 'token',
          projected: {
            sources: [
              { serviceAccountToken: { path: 'token', audience: 'vault' } },
              { configMap: { name: 'kube-root-ca.crt' } },
            ],
          },
        },
        {
          name: 'cache',
          ephemeral: {
            volumeClaimTemplate: {
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
            },
          },
        },
      ],
    },
  };
}

describe('pod template defaulting', () => {
  it('defaults a Deployment pod template the way kube-apiserver does', () => {
    const template = webTemplate();
    defaultPodTemplateSpec(template);
    expect(template).toEqual({
      metadata: { labels: { app: 'web' }, annotations: { 'example.com/team': 'storefront' } },
      spec: {
        serviceAccountName: 'web',
        serviceAccount: 'web',
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        terminationGracePeriodSeconds: 30,
        initContainers: [
          {
            name: 'migrate',
            image: 'registry.example.com/shop/migrate:v3.2.1',
            imagePullPolicy: 'IfNotPresent',
            command: ['/bin/migrate', '--up'],
            env: [
              { name: 'DB_HOST', value: 'postgres' },
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
            ],
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
          },
          {
            name: 'log-shipper',
            image: 'fluent/fluent-bit',
            imagePullPolicy: 'Always',
            restartPolicy: 'Always',
            // Templates keep limits without copying them into requests (that is Pod-only).
            resources: { limits: { cpu: '100m', memory: '64Mi' } },
            volumeMounts: [{ name: 'logs', mountPath: '/var/log/app' }],
            startupProbe: {
              exec: { command: ['test', '-S', '/tmp/fluent.sock'] },
              timeoutSeconds: 1,
              periodSeconds: 10,
              successThreshold: 1,
              failureThreshold: 3,
            },
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
          },
        ],
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
            imagePullPolicy: 'IfNotPresent',
            ports: [
              { name: 'http', containerPort: 8080, protocol: 'TCP' },
              { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
            ],
            env: [
              { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
              { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '0' } } },
            ],
            envFrom: [{ configMapRef: { name: 'web-config' } }],
            resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
            livenessProbe: {
              httpGet: { path: '/', port: 'http', scheme: 'HTTP' },
              initialDelaySeconds: 10,
              timeoutSeconds: 1,
              periodSeconds: 10,
              successThreshold: 1,
              failureThreshold: 3,
            },
            readinessProbe: {
              httpGet: { path: '/ready', port: 8080, scheme: 'HTTPS' },
              timeoutSeconds: 1,
              periodSeconds: 5,
              successThreshold: 1,
              failureThreshold: 3,
            },
            startupProbe: {
              grpc: { port: 9090, service: '' },
              timeoutSeconds: 1,
              periodSeconds: 10,
              successThreshold: 1,
              failureThreshold: 30,
            },
            lifecycle: { preStop: { httpGet: { path: '/', port: 8080, scheme: 'HTTP' } } },
            volumeMounts: [
              { name: 'config', mountPath: '/etc/web', readOnly: true },
              { name: 'logs', mountPath: '/var/log/app' },
              { name: 'cache', mountPath: '/cache' },
            ],
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
          },
          {
            name: 'sidecar',
            image: 'busybox:latest',
            imagePullPolicy: 'Always',
            args: ['sleep', 'infinity'],
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
          },
        ],
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 100,
                podAffinityTerm: {
                  labelSelector: { matchLabels: { app: 'web' } },
                  topologyKey: 'kubernetes.io/hostname',
                },
              },
            ],
          },
        },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
        volumes: [
          {
            name: 'config',
            configMap: { name: 'web-config', items: [{ key: 'nginx.conf', path: 'nginx.conf' }], defaultMode: 420 },
          },
          { name: 'logs', emptyDir: {} },
          { name: 'tls', secret: { secretName: 'web-tls', defaultMode: 420 } },
          { name: 'host-certs', hostPath: { path: '/etc/ssl/certs', type: '' } },
          {
            name: 'podinfo',
            downwardAPI: {
              items: [
                { path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } },
                { path: 'mem', resourceFieldRef: { containerName: 'web', resource: 'limits.memory', divisor: '0' } },
              ],
              defaultMode: 420,
            },
          },
          {
            name: 'token',
            projected: {
              sources: [
                { serviceAccountToken: { path: 'token', audience: 'vault', expirationSeconds: 3600 } },
                { configMap: { name: 'kube-root-ca.crt' } },
              ],
              defaultMode: 420,
            },
          },
          {
            name: 'cache',
            ephemeral: {
              volumeClaimTemplate: {
                spec: {
                  accessModes: ['ReadWriteOnce'],
                  resources: { requests: { storage: '1Gi' } },
                  volumeMode: 'Filesystem',
                },
              },
            },
          },
        ],
      },
    });
  });

  it('is idempotent', () => {
    const once = webTemplate();
    defaultPodTemplateSpec(once);
    const twice = structuredClone(once);
    defaultPodTemplateSpec(twice);
    expect(twice).toEqual(once);
  });

  it('keeps values the user set, including explicit zero-like pointers', () => {
    const spec: Record<string, any> = {
      restartPolicy: 'OnFailure',
      dnsPolicy: 'None',
      schedulerName: 'batch',
      terminationGracePeriodSeconds: 0,
      securityContext: { runAsNonRoot: true },
      containers: [{
        name: 'c',
        image: 'app',
        imagePullPolicy: 'Never',
        terminationMessagePath: '/tmp/msg',
        terminationMessagePolicy: 'FallbackToLogsOnError',
        ports: [{ containerPort: 53, protocol: 'UDP' }],
      }],
      volumes: [
        { name: 's', secret: { secretName: 's', defaultMode: 256 } },
        { name: 'h', hostPath: { path: '/dev/kvm', type: 'CharDevice' } },
      ],
    };
    defaultPodSpec(spec);
    expect(spec.restartPolicy).toBe('OnFailure');
    expect(spec.dnsPolicy).toBe('None');
    expect(spec.schedulerName).toBe('batch');
    expect(spec.terminationGracePeriodSeconds).toBe(0);
    expect(spec.securityContext).toEqual({ runAsNonRoot: true });
    expect(spec.containers[0]).toEqual({
      name: 'c',
      image: 'app',
      imagePullPolicy: 'Never',
      terminationMessagePath: '/tmp/msg',
      terminationMessagePolicy: 'FallbackToLogsOnError',
      ports: [{ containerPort: 53, protocol: 'UDP' }],
      resources: {},
    });
    expect(spec.volumes).toEqual([
      { name: 's', secret: { secretName: 's', defaultMode: 256 } },
      { name: 'h', hostPath: { path: '/dev/kvm', type: 'CharDevice' } },
    ]);
  });

  it('applies the declarative defaults of legacy volume sources and image volumes', () => {
    const spec: Record<string, any> = {
      containers: [{ name: 'c', image: 'app:1' }],
      volumes: [
        { name: 'a', azureDisk: { diskName: 'd', diskURI: 'https://x/d.vhd' } },
        { name: 'r', rbd: { monitors: ['10.0.0.1:6789'], image: 'img' } },
        { name: 'i', iscsi: { targetPortal: '10.0.0.2:3260', iqn: 'iqn.2001-04.com.example:storage', lun: 0 } },
        { name: 's', scaleIO: { gateway: 'https://gw', system: 'sys', secretRef: { name: 'sio' } } },
        { name: 'm', image: { reference: 'quay.io/models/llm' } },
        { name: 'n', image: { reference: 'quay.io/models/llm:v2' } },
        { name: 'e', emptyDir: { medium: 'Memory' } },
      ],
    };
    defaultPodSpec(spec);
    expect(spec.volumes).toEqual([
      {
        name: 'a',
        azureDisk: { diskName: 'd', diskURI: 'https://x/d.vhd', cachingMode: 'ReadWrite', fsType: 'ext4', readOnly: false, kind: 'Shared' },
      },
      { name: 'r', rbd: { monitors: ['10.0.0.1:6789'], image: 'img', pool: 'rbd', user: 'admin', keyring: '/etc/ceph/keyring' } },
      { name: 'i', iscsi: { targetPortal: '10.0.0.2:3260', iqn: 'iqn.2001-04.com.example:storage', lun: 0, iscsiInterface: 'default' } },
      {
        name: 's',
        scaleIO: { gateway: 'https://gw', system: 'sys', secretRef: { name: 'sio' }, storageMode: 'ThinProvisioned', fsType: 'xfs' },
      },
      { name: 'm', image: { reference: 'quay.io/models/llm', pullPolicy: 'Always' } },
      { name: 'n', image: { reference: 'quay.io/models/llm:v2', pullPolicy: 'IfNotPresent' } },
      { name: 'e', emptyDir: { medium: 'Memory' } },
    ]);
  });

  it('maps the deprecated serviceAccount alias onto serviceAccountName', () => {
    const legacy: Record<string, any> = { serviceAccount: 'old', containers: [] };
    defaultPodSpec(legacy);
    expect(legacy.serviceAccountName).toBe('old');
    expect(legacy.serviceAccount).toBe('old');
    const both: Record<string, any> = { serviceAccount: 'old', serviceAccountName: 'new', containers: [] };
    defaultPodSpec(both);
    expect(both.serviceAccountName).toBe('new');
    expect(both.serviceAccount).toBe('new');
    const none: Record<string, any> = { containers: [] };
    defaultPodSpec(none);
    expect('serviceAccount' in none || 'serviceAccountName' in none).toBe(false);
  });

  it('defaults an empty template spec like a non-pointer PodSpec', () => {
    const template: Record<string, any> = { metadata: { labels: { a: 'b' } } };
    defaultPodTemplateSpec(template);
    expect(template.spec).toEqual({
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
  });
});

describe('pod defaulting (Pod objects only)', () => {
  it('copies limits into requests, enables service links and fills host ports', () => {
    const pod: Record<string, any> = {
      spec: {
        hostNetwork: true,
        containers: [{
          name: 'c',
          image: 'app:1',
          ports: [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 19090 }],
          resources: { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '100m' } },
        }],
        initContainers: [{ name: 'i', image: 'init:1', resources: { limits: { memory: '32Mi' } } }],
      },
    };
    defaultPod(pod);
    expect(pod.spec.enableServiceLinks).toBe(true);
    expect(pod.spec.containers[0].resources).toEqual({
      limits: { cpu: '500m', memory: '1Gi' },
      requests: { cpu: '100m', memory: '1Gi' },
    });
    expect(pod.spec.containers[0].ports).toEqual([
      { containerPort: 8080, hostPort: 8080, protocol: 'TCP' },
      { containerPort: 9090, hostPort: 19090, protocol: 'TCP' },
    ]);
    expect(pod.spec.initContainers[0].resources).toEqual({ limits: { memory: '32Mi' }, requests: { memory: '32Mi' } });
  });
});

describe('image pull policy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['docker.io/library/nginx:latest', 'Always'],
    ['localhost:5000/team/app', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.k8s.io/pause:3.10', 'IfNotPresent'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'IfNotPresent'],
    ['nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'Always'],
    ['Example.com/App', 'IfNotPresent'], // invalid: repository must be lowercase
    ['', 'IfNotPresent'],
    [undefined, 'IfNotPresent'],
  ])('%s -> %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it('parses references like distribution/reference', () => {
    expect(parseImageReference('busybox')).toEqual({ repository: 'docker.io/library/busybox', tag: 'latest', digest: '' });
    expect(parseImageReference('quay.io/prometheus/node-exporter:v1.8.2')).toEqual({
      repository: 'quay.io/prometheus/node-exporter',
      tag: 'v1.8.2',
      digest: '',
    });
    expect(parseImageReference('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')).toBeUndefined();
  });
});
