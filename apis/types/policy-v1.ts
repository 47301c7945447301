// policy/v1: PodDisruptionBudgets, which limit how many pods of an application voluntary
// disruptions (evictions) may take down at once.

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('policy/v1', `
PodDisruptionBudget                          # Limits how many selected pods may be evicted at the same time.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   PodDisruptionBudgetSpec 2        # The pods covered and the disruption they tolerate.
  status                 PodDisruptionBudgetStatus 3      # What the disruption controller last observed.

PodDisruptionBudgetSpec                      # The desired protection of a PodDisruptionBudget.
  minAvailable           intstr:IntOrString 1             # Pods (count or percentage) that must stay available after an eviction.
  selector               meta/v1:LabelSelector 2 strategy=replace # Pods the budget covers; empty selects every pod in the namespace.
  maxUnavailable         intstr:IntOrString 3             # Pods (count or percentage) that may be unavailable after an eviction; excludes minAvailable.
  unhealthyPodEvictionPolicy string        4   ptr enum=IfHealthyBudget|AlwaysAllow # When running but not ready pods may be evicted.

PodDisruptionBudgetStatus                    # The observed state of a PodDisruptionBudget.
  observedGeneration     int64             1              # The metadata.generation the controller last acted on.
  disruptedPods          map[string]meta/v1:Time 2        # Pods evicted but not yet seen deleted, with the time of eviction.
  disruptionsAllowed     int32             3   req keep   # Evictions currently allowed.
  currentHealthy         int32             4   req keep   # Healthy pods right now.
  desiredHealthy         int32             5   req keep   # Healthy pods the budget requires.
  expectedPods           int32             6   req keep   # Pods counted by the budget.
  conditions             []meta/v1:Condition 7 merge=type list=map keys=type # Latest observations, such as DisruptionAllowed.
`);
