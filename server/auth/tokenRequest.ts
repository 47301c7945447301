// POST .../serviceaccounts/<name>/token (TokenRequest, `kubectl create token`): a ServiceAccount
// token for this workspace, with the requested audiences and lifetime.

import { errors } from '../../apis/errors.js';
import { KObject } from '../../apis/resources/model.js';
import { Scope, decodeBody } from '../../apis/registry/scope.js';
import { Store } from '../../storage/store.js';
import { Authentication } from './setup.js';

const MIN_EXPIRATION = 600;
const MAX_EXPIRATION = 2 ** 32;

export async function requestToken(store: Store, auth: Authentication, s: Scope, name: string, body: unknown, clusterPath?: string): Promise<KObject> {
  const { obj } = decodeBody(s, body, 'Strict', 'TokenRequest', 'authentication.k8s.io/v1', 'authentication/v1:TokenRequest');
  const spec = (obj.spec ??= {});
  const expirationSeconds: number = spec.expirationSeconds ?? 3600;
  if (expirationSeconds < MIN_EXPIRATION || expirationSeconds > MAX_EXPIRATION) {
    throw errors.invalid({ group: 'authentication.k8s.io', kind: 'TokenRequest' }, name, [
      {
        type: 'Invalid',
        field: 'spec.expirationSeconds',
        value: expirationSeconds,
        detail: expirationSeconds < MIN_EXPIRATION ? 'may not specify a duration less than 10 minutes' : 'may not specify a duration larger than 2^32 seconds',
      },
    ]);
  }
  const sa = await store.get({ cluster: s.cluster, resource: '/serviceaccounts', namespace: s.namespace, name });
  if (!sa) throw errors.notFound({ group: '', resource: 'serviceaccounts' }, name);
  const audiences: string[] = spec.audiences?.length ? spec.audiences : auth.audiences;
  let boundObjectRef: { kind: 'Pod' | 'Secret' | 'Node'; name: string; uid: string } | undefined;
  if (spec.boundObjectRef) {
    const ref = spec.boundObjectRef;
    if (ref.kind !== 'Secret') {
      throw errors.badRequest(`cannot bind token to object of type ${ref.kind}: kplane serves no ${ref.kind === 'Pod' ? 'pods' : 'nodes'}`);
    }
    const secret = await store.get({ cluster: s.cluster, resource: '/secrets', namespace: s.namespace, name: ref.name });
    if (!secret || (ref.uid && ref.uid !== secret.object.metadata?.uid)) throw errors.notFound({ group: '', resource: 'secrets' }, ref.name);
    boundObjectRef = { kind: 'Secret', name: ref.name, uid: secret.object.metadata.uid };
  }
  const issued = await auth.issuer.issue({
    issuer: auth.issuerURL,
    audiences,
    expirationSeconds,
    cluster: s.cluster,
    clusterPath,
    namespace: s.namespace,
    name,
    uid: sa.object.metadata.uid,
    boundObjectRef,
  });
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace: s.namespace, creationTimestamp: null },
    spec: { ...spec, audiences, expirationSeconds },
    status: { token: issued.token, expirationTimestamp: issued.expirationTimestamp },
  };
}
