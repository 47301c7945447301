// The member-side objects that run one agent: Namespace, ServiceAccount, least-privilege RBAC,
// the Secret holding the upstream kubeconfig, and the Deployment. Pure: the same inputs give the
// same YAML. The Helm chart in syncer/chart renders the same objects.

import YAML from 'yaml';
import { memberClusterRules, memberStateRules } from './memberRbac.js';

type Obj = Record<string, any>;

export const DEFAULT_MEMBER_NAMESPACE = 'kplane-syncer';
/** Name of the member ServiceAccount, Deployment and state Role. */
export const MEMBER_NAME = 'kplane-syncer';
export const UPSTREAM_SECRET = 'kplane-syncer-upstream';
export const UPSTREAM_SECRET_KEY = 'kubeconfig';
export const UPSTREAM_MOUNT_DIR = '/etc/kplane/upstream';
/** The `node` user of node:20-slim; numeric so the kubelet can check runAsNonRoot. */
export const AGENT_UID = 1000;

export const DEFAULT_RESOURCES = {
  requests: { cpu: '50m', memory: '128Mi' },
  limits: { cpu: '1', memory: '512Mi' },
};

export interface MemberManifestInput {
  target: string;
  image: string;
  /** The upstream kubeconfig (YAML text) the agent reads. */
  upstreamKubeconfig: string;
  namespace?: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** API groups of custom resources the agent may write; default ["*"]. */
  customResourceGroups?: string[];
}

/** Name of the member ClusterRole and ClusterRoleBinding (cluster-scoped, so per target). */
export const memberClusterRoleName = (target: string): string => `kplane-syncer-${target}`;

export function memberLabels(target: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'kplane-syncer', 'app.kubernetes.io/instance': target, 'app.kubernetes.io/part-of': 'kplane' };
}

/** The agent's command line after the image's ENTRYPOINT (node bin/kplane). */
export function agentArgs(target: string, namespace: string): string[] {
  return ['syncer', '--upstream-kubeconfig', `${UPSTREAM_MOUNT_DIR}/${UPSTREAM_SECRET_KEY}`, '--sync-target', target, '--namespace', namespace];
}

function deployment(i: MemberManifestInput, ns: string): Obj {
  const labels = memberLabels(i.target);
  const selector = { 'app.kubernetes.io/name': labels['app.kubernetes.io/name'], 'app.kubernetes.io/instance': labels['app.kubernetes.io/instance'] };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: MEMBER_NAME, namespace: ns, labels },
    spec: {
      // One agent per target: two would fight over the same objects and heartbeat.
      replicas: 1,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: MEMBER_NAME,
          // The agent talks to the member API with its in-cluster ServiceAccount token.
          automountServiceAccountToken: true,
          securityContext: {
            runAsNonRoot: true, runAsUser: AGENT_UID, runAsGroup: AGENT_UID, fsGroup: AGENT_UID,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'syncer',
              image: i.image,
              imagePullPolicy: i.imagePullPolicy ?? 'IfNotPresent',
              args: agentArgs(i.target, ns),
              securityContext: {
                allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] },
              },
              resources: DEFAULT_RESOURCES,
              volumeMounts: [
                { name: 'upstream', mountPath: UPSTREAM_MOUNT_DIR, readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            // 0440 with fsGroup: readable by the agent's group only.
            { name: 'upstream', secret: { secretName: UPSTREAM_SECRET, defaultMode: 0o440 } },
            { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
          ],
        },
      },
    },
  };
}

/** The member-side objects, in apply order. */
export function memberObjects(i: MemberManifestInput): Obj[] {
  const ns = i.namespace ?? DEFAULT_MEMBER_NAMESPACE;
  const labels = memberLabels(i.target);
  const roleRef = (kind: string, name: string): Obj => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });
  const subjects = [{ kind: 'ServiceAccount', name: MEMBER_NAME, namespace: ns }];
  const clusterRole = memberClusterRoleName(i.target);
  return [
    {
      apiVersion: 'v1', kind: 'Namespace',
      // The agent's pod meets the restricted Pod Security Standard; enforce it.
      metadata: { name: ns, labels: { ...labels, 'pod-security.kubernetes.io/enforce': 'restricted' } },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: MEMBER_NAME, namespace: ns, labels } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: clusterRole, labels }, rules: memberClusterRules(i.customResourceGroups) },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: clusterRole, labels }, roleRef: roleRef('ClusterRole', clusterRole), subjects },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: `${MEMBER_NAME}-state`, namespace: ns, labels }, rules: memberStateRules() },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `${MEMBER_NAME}-state`, namespace: ns, labels }, roleRef: roleRef('Role', `${MEMBER_NAME}-state`), subjects },
    {
      apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
      metadata: { name: UPSTREAM_SECRET, namespace: ns, labels },
      data: { [UPSTREAM_SECRET_KEY]: Buffer.from(i.upstreamKubeconfig).toString('base64') },
    },
    deployment(i, ns),
  ];
}

/** A multi-document YAML stream, one object per document. */
export function toYamlStream(objects: Obj[], header?: string): string {
  const docs = objects.map((o) => YAML.stringify(o, { lineWidth: 0 }));
  const head = header ? header.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n') + '\n' : '';
  return head + docs.map((d) => `---\n${d}`).join('');
}
