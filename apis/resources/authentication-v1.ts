// authentication.k8s.io/v1: create-only reviews answered by the server, never stored.
// (TokenRequest is served as the serviceaccounts/token subresource, not as a resource of its own.)

import { ResourceDef } from './model.js';

const review = (kind: string, plural: string): ResourceDef => ({
  group: 'authentication.k8s.io', version: 'v1', kind, plural, singular: plural.replace(/s$/, ''),
  namespaced: false, verbs: ['create'], type: `authentication/v1:${kind}`, virtual: true,
});

export const resources: ResourceDef[] = [
  review('SelfSubjectReview', 'selfsubjectreviews'),
  review('TokenReview', 'tokenreviews'),
  // kubectl 1.27 asks for v1beta1 (then v1alpha1) in `kubectl auth whoami`; same shape as v1.
  { ...review('SelfSubjectReview', 'selfsubjectreviews'), version: 'v1beta1' },
];
