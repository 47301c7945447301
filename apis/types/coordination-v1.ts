// coordination.k8s.io/v1: leases, the shared lock and heartbeat object of leader election and of
// the syncer's liveness reports.

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('coordination/v1', `
Lease                                        # A lock or heartbeat record that one holder renews to keep.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   LeaseSpec         2              # Who holds the lease and for how long.

LeaseSpec                                    # The current holder of a lease and its renewal times.
  holderIdentity         string            1   ptr        # Identity of the current holder.
  leaseDurationSeconds   int32             2   ptr        # Seconds other candidates wait after the last renewal before taking the lease.
  acquireTime            meta/v1:MicroTime 3              # When the current holder acquired the lease.
  renewTime              meta/v1:MicroTime 4              # When the current holder last renewed the lease.
  leaseTransitions       int32             5   ptr        # How many times the lease has changed holders.
  strategy               string            6   ptr        # How the leader is chosen under coordinated leader election; empty means no coordination.
  preferredHolder        string            7   ptr        # A better holder the current one is asked to hand the lease to; needs strategy.
`);
