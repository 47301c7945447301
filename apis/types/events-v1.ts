// events.k8s.io/v1: the newer form of Event. Stored with core/v1 events; the resource converts
// between the two (apis/resources/events-v1.ts).

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('events/v1', `
Event                                        # A report of something that happened to an object, emitted by a controller.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  eventTime              meta/v1:MicroTime 2   req keep   # When the event was first seen.
  series                 EventSeries       3              # Repetition data when this event stands for a series; absent for a single occurrence.
  reportingController    string            4              # Name of the controller that emitted the event, like "kubernetes.io/kubelet".
  reportingInstance      string            5              # Identifier of the emitting controller instance, at most 128 characters.
  action                 string            6              # Machine-readable action that was taken or failed on the regarding object.
  reason                 string            7              # Why the action was taken, at most 128 characters.
  regarding              core/v1:ObjectReference 8        # The object the event is about.
  related                core/v1:ObjectReference 9        # A second object involved in the action, if any.
  note                   string            10             # Human-readable description of what happened, up to 1 kB.
  type                   string            11             # Normal or Warning.
  deprecatedSource       core/v1:EventSource 12           # The source of a core/v1 event, kept for compatibility.
  deprecatedFirstTimestamp meta/v1:Time    13             # The firstTimestamp of a core/v1 event, kept for compatibility.
  deprecatedLastTimestamp meta/v1:Time     14             # The lastTimestamp of a core/v1 event, kept for compatibility.
  deprecatedCount        int32             15             # The count of a core/v1 event, kept for compatibility.

EventSeries                                  # How often an event recurred, updated at each reporter heartbeat.
  count                  int32             1   req keep   # Occurrences up to the last heartbeat.
  lastObservedTime       meta/v1:MicroTime 2   req keep   # When the last occurrence was seen before the last heartbeat.
`);
