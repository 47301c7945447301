// autoscaling/v2: the HorizontalPodAutoscaler with any number of resource, pod, object and
// external metrics, and configurable scaling behaviour. The storage version of HPAs.

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('autoscaling/v2', `
HorizontalPodAutoscaler                      # Scales a workload between bounds to hold metrics at their targets.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   HorizontalPodAutoscalerSpec 2    # The target, bounds, metrics and behaviour.
  status                 HorizontalPodAutoscalerStatus 3  # What the autoscaler last observed.

HorizontalPodAutoscalerSpec                  # The desired behaviour of an autoscaler.
  scaleTargetRef         CrossVersionObjectReference 1 req # The scalable object whose replicas are managed.
  minReplicas            int32             2   ptr        # Lower bound on replicas; 1 when unset.
  maxReplicas            int32             3   req keep   # Upper bound on replicas; at least minReplicas.
  metrics                []MetricSpec      4   list=atomic # Metrics to track; the largest replica count any of them proposes wins.
  behavior               HorizontalPodAutoscalerBehavior 5 # Rate limits for scaling up and down.

CrossVersionObjectReference                  # Names an object of some kind in the same namespace.
  kind                   string            1   req keep   # Kind of the object, such as Deployment.
  name                   string            2   req keep   # Name of the object.
  apiVersion             string            3              # API version of the object, such as apps/v1.

HorizontalPodAutoscalerBehavior              # How fast an autoscaler may scale in each direction.
  scaleUp                HPAScalingRules   1              # Rules for adding replicas.
  scaleDown              HPAScalingRules   2              # Rules for removing replicas.

HPAScalingRules                              # Limits on scaling in one direction.
  stabilizationWindowSeconds int32         3   ptr        # Seconds of past recommendations considered before scaling.
  selectPolicy           string            1   ptr        # Which policy applies: Max, Min or Disabled.
  policies               []HPAScalingPolicy 2  list=atomic # Allowed changes per period.
  tolerance              resource:Quantity 4              # Relative metric deviation ignored before scaling (alpha).

HPAScalingPolicy                             # A change allowed within a period.
  type                   string            1   req keep   # Pods (an absolute count) or Percent (of current replicas).
  value                  int32             2   req keep   # Size of the allowed change; greater than zero.
  periodSeconds          int32             3   req keep   # Length of the window the change is measured over, in seconds.

MetricSpec                                   # One metric to scale on; type selects which of the other fields is set.
  type                   string            1   req keep   # Object, Pods, Resource, ContainerResource or External.
  object                 ObjectMetricSource 2             # A metric describing another object in the namespace.
  pods                   PodsMetricSource  3              # A metric averaged over the target's pods.
  resource               ResourceMetricSource 4           # A resource (CPU, memory) of the target's pods.
  containerResource      ContainerResourceMetricSource 7  # A resource of one container in each of the target's pods.
  external               ExternalMetricSource 5           # A metric from outside the cluster.

ObjectMetricSource                           # A metric about one object, such as an Ingress's request rate.
  describedObject        CrossVersionObjectReference 1 req # The object the metric describes.
  target                 MetricTarget      2   req        # The value to hold.
  metric                 MetricIdentifier  3   req        # The metric.

PodsMetricSource                             # A metric about each pod of the target, averaged.
  metric                 MetricIdentifier  1   req        # The metric.
  target                 MetricTarget      2   req        # The value to hold; only AverageValue is allowed.

ResourceMetricSource                         # A resource of the target's pods, as known from requests and limits.
  name                   string            1   req keep   # Resource name, such as cpu or memory.
  target                 MetricTarget      2   req        # The value to hold.

ContainerResourceMetricSource                # A resource of one named container in each of the target's pods.
  name                   string            1   req keep   # Resource name, such as cpu or memory.
  target                 MetricTarget      2   req        # The value to hold.
  container              string            3   req keep   # Name of the container.

ExternalMetricSource                         # A metric not tied to any object in the cluster.
  metric                 MetricIdentifier  1   req        # The metric.
  target                 MetricTarget      2   req        # The value to hold.

MetricIdentifier                             # Names a metric and optionally narrows it by labels.
  name                   string            1   req keep   # Name of the metric.
  selector               meta/v1:LabelSelector 2          # Labels narrowing the metric; the server picks when unset.

MetricTarget                                 # The goal for a metric.
  type                   string            1   req keep   # Utilization, Value or AverageValue.
  value                  resource:Quantity 2              # Target value of the metric.
  averageValue           resource:Quantity 3              # Target value averaged over the pods.
  averageUtilization     int32             4   ptr        # Target average use as a percentage of the pods' requests.

HorizontalPodAutoscalerStatus                # The observed state of an autoscaler.
  observedGeneration     int64             1   ptr        # The metadata.generation the autoscaler last acted on.
  lastScaleTime          meta/v1:Time      2              # When the replica count was last changed.
  currentReplicas        int32             3              # Replicas the target had when last observed.
  desiredReplicas        int32             4   req keep   # Replicas the autoscaler last asked for.
  currentMetrics         []MetricStatus    5   list=atomic # Last read value of every metric.
  conditions             []HorizontalPodAutoscalerCondition 6 merge=type list=map keys=type # Latest observations of the autoscaler's state.

HorizontalPodAutoscalerCondition             # One aspect of an autoscaler's state at a point in time.
  type                   string            1   req keep   # ScalingActive, AbleToScale or ScalingLimited.
  status                 string            2   req keep   # True, False or Unknown.
  lastTransitionTime     meta/v1:Time      3              # When the status last changed.
  reason                 string            4              # Machine-readable CamelCase cause of the last transition.
  message                string            5              # Human-readable details of the last transition.

MetricStatus                                 # The last read value of one metric; type selects which other field is set.
  type                   string            1   req keep   # Object, Pods, Resource, ContainerResource or External.
  object                 ObjectMetricStatus 2             # An object metric.
  pods                   PodsMetricStatus  3              # A pods metric.
  resource               ResourceMetricStatus 4           # A resource metric.
  containerResource      ContainerResourceMetricStatus 7  # A container resource metric.
  external               ExternalMetricStatus 5           # An external metric.

ObjectMetricStatus                           # The value of a metric about one object.
  metric                 MetricIdentifier  1   req        # The metric.
  current                MetricValueStatus 2   req        # Its value.
  describedObject        CrossVersionObjectReference 3 req # The object it describes.

PodsMetricStatus                             # The average value of a per-pod metric.
  metric                 MetricIdentifier  1   req        # The metric.
  current                MetricValueStatus 2   req        # Its value.

ResourceMetricStatus                         # The use of a resource across the target's pods.
  name                   string            1   req keep   # Resource name, such as cpu.
  current                MetricValueStatus 2   req        # Its value.

ContainerResourceMetricStatus                # The use of a resource by one container across the target's pods.
  name                   string            1   req keep   # Resource name, such as cpu.
  current                MetricValueStatus 2   req        # Its value.
  container              string            3   req keep   # Name of the container.

ExternalMetricStatus                         # The value of a metric from outside the cluster.
  metric                 MetricIdentifier  1   req        # The metric.
  current                MetricValueStatus 2   req        # Its value.

MetricValueStatus                            # A metric reading.
  value                  resource:Quantity 1              # The value as read.
  averageValue           resource:Quantity 2              # The value averaged over the pods.
  averageUtilization     int32             3   ptr        # Average use as a percentage of the pods' requests.
`);
