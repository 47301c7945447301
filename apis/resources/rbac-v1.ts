// The rbac.authorization.k8s.io/v1 resources: Roles, ClusterRoles and their bindings. Discovery
// facts, printer columns (roles have no printer upstream: NAME and CREATED AT) and upstream
// defaulting (pkg/apis/rbac/v1 SetDefaults_RoleBinding, _ClusterRoleBinding and _Subject).

import { age, defaultColumns, name } from './columns.js';
import { ColumnDef, KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import { validators } from '../validation/index.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC = { group: RBAC_GROUP, version: 'v1' } as const;

const isObject = (v: unknown): v is KObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** SetDefaults_Subject: users and groups belong to the rbac group, service accounts to core. */
function defaultSubject(s: KObject): void {
  if (s.apiGroup) return;
  if (s.kind === 'ServiceAccount') s.apiGroup = '';
  else if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP;
}

/** Binding defaulting: roleRef.apiGroup and each subject's apiGroup. */
export function defaultBinding(obj: KObject): void {
  if (!isObject(obj.roleRef)) obj.roleRef = {};
  if (!obj.roleRef.apiGroup) obj.roleRef.apiGroup = RBAC_GROUP;
  for (const s of Array.isArray(obj.subjects) ? obj.subjects : []) if (isObject(s)) defaultSubject(s);
}

/** The subjects of a binding split by kind (rbac.SubjectsStrings): users, groups, "ns/name" service accounts. */
export function subjectsStrings(subjects: unknown): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const out = { users: [] as string[], groups: [] as string[], serviceAccounts: [] as string[] };
  for (const s of Array.isArray(subjects) ? subjects : []) {
    if (!isObject(s)) continue;
    if (s.kind === 'ServiceAccount') out.serviceAccounts.push(`${s.namespace ?? ''}/${s.name ?? ''}`);
    else if (s.kind === 'User') out.users.push(String(s.name ?? ''));
    else if (s.kind === 'Group') out.groups.push(String(s.name ?? ''));
  }
  return out;
}

const bindingColumns: ColumnDef[] = [
  name(),
  { name: 'Role', type: 'string', description: 'The role granted, as Kind/name.', cell: (o) => `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}` },
  age(),
  { name: 'Users', type: 'string', priority: 1, description: 'Users the binding applies to.', cell: (o) => subjectsStrings(o.subjects).users.join(', ') },
  { name: 'Groups', type: 'string', priority: 1, description: 'Groups the binding applies to.', cell: (o) => subjectsStrings(o.subjects).groups.join(', ') },
  { name: 'ServiceAccounts', type: 'string', priority: 1, description: 'Service accounts the binding applies to.', cell: (o) => subjectsStrings(o.subjects).serviceAccounts.join(', ') },
];

export const resources: ResourceDef[] = [
  {
    ...RBAC, kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', singular: 'clusterrolebinding', namespaced: false,
    verbs: STANDARD_VERBS, type: 'rbac/v1:ClusterRoleBinding', nameRule: 'path',
    columns: bindingColumns, strategy: { defaults: defaultBinding, validate: validators.ClusterRoleBinding },
  },
  {
    ...RBAC, kind: 'ClusterRole', plural: 'clusterroles', singular: 'clusterrole', namespaced: false,
    verbs: STANDARD_VERBS, type: 'rbac/v1:ClusterRole', nameRule: 'path', columns: defaultColumns(),
    strategy: { validate: validators.ClusterRole },
  },
  {
    ...RBAC, kind: 'RoleBinding', plural: 'rolebindings', singular: 'rolebinding', namespaced: true,
    verbs: STANDARD_VERBS, type: 'rbac/v1:RoleBinding', nameRule: 'path',
    columns: bindingColumns, strategy: { defaults: defaultBinding, validate: validators.RoleBinding },
  },
  {
    ...RBAC, kind: 'Role', plural: 'roles', singular: 'role', namespaced: true,
    verbs: STANDARD_VERBS, type: 'rbac/v1:Role', nameRule: 'path', columns: defaultColumns(),
    strategy: { validate: validators.Role },
  },
];
