// authorization.k8s.io/v1: create-only access and rules reviews answered by the server, never stored.

import { ResourceDef } from './model.js';

const review = (kind: string, plural: string, namespaced = false): ResourceDef => ({
  group: 'authorization.k8s.io', version: 'v1', kind, plural, singular: plural.replace(/s$/, ''),
  namespaced, verbs: ['create'], type: `authorization/v1:${kind}`, virtual: true,
});

export const resources: ResourceDef[] = [
  review('LocalSubjectAccessReview', 'localsubjectaccessreviews', true),
  review('SelfSubjectAccessReview', 'selfsubjectaccessreviews'),
  review('SelfSubjectRulesReview', 'selfsubjectrulesreviews'),
  review('SubjectAccessReview', 'subjectaccessreviews'),
];
