// autoscaling/v1: the original HorizontalPodAutoscaler (CPU utilization only) and Scale, the
// object every /scale subresource speaks.

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('autoscaling/v1', `
HorizontalPodAutoscaler                      # Scales a workload between bounds to hold a target average CPU utilization.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   HorizontalPodAutoscalerSpec 2    # The target, bounds and CPU goal.
  status                 HorizontalPodAutoscalerStatus 3  # What the autoscaler last observed.

HorizontalPodAutoscalerSpec                  # The desired behaviour of a v1 autoscaler.
  scaleTargetRef         CrossVersionObjectReference 1 req # The scalable object whose replicas are managed.
  minReplicas            int32             2   ptr        # Lower bound on replicas; 1 when unset.
  maxReplicas            int32             3   req keep   # Upper bound on replicas; at least minReplicas.
  targetCPUUtilizationPercentage int32     4   ptr        # Target average CPU use as a percentage of requested CPU.

HorizontalPodAutoscalerStatus                # The observed state of a v1 autoscaler.
  observedGeneration     int64             1   ptr        # The metadata.generation the autoscaler last acted on.
  lastScaleTime          meta/v1:Time      2              # When the replica count was last changed.
  currentReplicas        int32             3   req keep   # Replicas the target had when last observed.
  desiredReplicas        int32             4   req keep   # Replicas the autoscaler last asked for.
  currentCPUUtilizationPercentage int32    5   ptr        # Current average CPU use as a percentage of requested CPU.

CrossVersionObjectReference atomic           # Names an object of some kind in the same namespace.
  kind                   string            1   req keep   # Kind of the object, such as Deployment.
  name                   string            2   req keep   # Name of the object.
  apiVersion             string            3              # API version of the object, such as apps/v1.

Scale                                        # The replica count of a scalable resource, read and written through its /scale subresource.
  metadata               meta/v1:ObjectMeta 1             # Metadata of the scaled object.
  spec                   ScaleSpec         2              # The replica count wanted.
  status                 ScaleStatus       3              # The replica count observed.

ScaleSpec                                    # The desired size of a scalable resource.
  replicas               int32             1              # Number of instances wanted.

ScaleStatus                                  # The observed size of a scalable resource.
  replicas               int32             1   req keep   # Number of instances observed.
  selector               string            2              # Label selector of the counted pods, in query-string form such as "app=web".
`);
