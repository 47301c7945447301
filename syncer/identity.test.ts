import { describe, expect, it } from 'vitest';
import { splitServer, targetFromUsername } from './identity.js';
import { guessDistribution } from './targetStatus.js';
import { microTime } from './heartbeat.js';

describe('identity', () => {
  it('splits a workspace URL into the hub root and the workspace', () => {
    expect(splitServer('https://hub:6443/clusters/root:compute')).toEqual({ hubBase: 'https://hub:6443', workspace: 'root:compute' });
    expect(splitServer('https://hub/prefix/clusters/root:compute/')).toEqual({ hubBase: 'https://hub/prefix', workspace: 'root:compute' });
    expect(splitServer('https://hub:6443')).toEqual({ hubBase: 'https://hub:6443' });
  });

  it('derives the target from the ServiceAccount syncer-<target>', () => {
    expect(targetFromUsername('system:serviceaccount:kplane-syncers:syncer-edge-1')).toBe('edge-1');
    expect(targetFromUsername('system:serviceaccount:default:syncer-edge-1')).toBeUndefined();
    expect(targetFromUsername('system:serviceaccount:kplane-syncers:other')).toBeUndefined();
    expect(targetFromUsername('admin')).toBeUndefined();
  });
});

describe('member facts', () => {
  it('guesses the distribution', () => {
    expect(guessDistribution('v1.31.4+k3s1')).toBe('k3s');
    expect(guessDistribution('v1.30.2-eks-1552ad0')).toBe('eks');
    expect(guessDistribution('v1.29.1-gke.1589000')).toBe('gke');
    expect(guessDistribution('v1.28.3+rke2r1')).toBe('rke2');
    expect(guessDistribution('v1.34.0+kplane-v0.1.0')).toBe('kplane');
    expect(guessDistribution('v1.31.0', 'kind://docker/kind/kind-control-plane')).toBe('kind');
    expect(guessDistribution('v1.31.0', 'azure:///subscriptions/x')).toBe('aks');
    expect(guessDistribution('v1.31.0', undefined, true)).toBe('kubeadm');
    expect(guessDistribution('v1.31.0')).toBe('kubernetes');
  });

  it('writes Lease times with microseconds', () => {
    expect(microTime(new Date('2024-05-06T07:08:09.123Z'))).toBe('2024-05-06T07:08:09.123000Z');
  });
});
