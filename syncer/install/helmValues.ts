// `kplane syncer-manifest ... --helm-values`: a values file for syncer/chart carrying what the
// command knows (image, target, upstream kubeconfig), for `helm install -f`.

import YAML from 'yaml';

export interface ImageRef {
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits "registry:5000/org/agent:1.2@sha256:..." into repository, tag and digest. */
export function parseImage(image: string): ImageRef {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  // A tag is after the last colon that follows the last slash (a registry port precedes a slash).
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  const repository = tag === undefined ? rest : rest.slice(0, colon);
  return { repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

export interface HelmValuesInput {
  target: string;
  image: string;
  upstreamKubeconfig: string;
  customResourceGroups?: string[];
}

export function helmValues(i: HelmValuesInput): string {
  const values: Record<string, unknown> = {
    image: parseImage(i.image),
    syncTarget: i.target,
    upstreamKubeconfig: i.upstreamKubeconfig,
  };
  if (i.customResourceGroups) values.customResourceGroups = i.customResourceGroups;
  return (
    `# Values for the kplane-syncer chart (syncer/chart), for SyncTarget ${i.target}.\n` +
    '# It holds a credential for the hub: keep it secret.\n' +
    YAML.stringify(values, { lineWidth: 0, blockQuote: 'literal' })
  );
}
