// The Kubernetes version kplane's API agrees with, as /version reports it.

import os from 'node:os';

const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' };

export const KPLANE_VERSION = '0.1.0';

export const KUBERNETES_VERSION = {
  major: '1',
  minor: '34',
  gitVersion: `v1.34.0+kplane-v${KPLANE_VERSION}`,
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-11-21T00:00:00Z',
  goVersion: `node${process.versions.node}`,
  compiler: 'kplane',
  platform: `${os.platform()}/${ARCH[os.arch()] ?? os.arch()}`,
};
