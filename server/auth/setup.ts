// The authentication chain of `kplane serve`: the admin token, the --token-auth-file users,
// ServiceAccount tokens issued by this server (bound to their workspace), and OIDC users.

import path from 'node:path';
import type { Logger } from 'pino';
import { Store } from '../../storage/store.js';
import { Authenticator, UnionAuthenticator, adminAuthenticator } from './authenticate.js';
import { OIDCAuthenticator, OIDCOptions } from './oidc.js';
import { ServiceAccountKeys, ServiceAccountTokenAuthenticator, ServiceAccountTokenIssuer, ensureServiceAccountKeys } from './serviceAccountTokens.js';
import { loadTokenFile } from './tokenFile.js';

/** Annotation on a ServiceAccount listing revoked token ids (jti), comma-separated. */
export const REVOKED_TOKENS_ANNOTATION = 'authentication.kplane.io/revoked-token-ids';

/** The issuer and audience of ServiceAccount tokens when --service-account-issuer is not given. */
export const DEFAULT_SA_ISSUER = 'https://kubernetes.default.svc.cluster.local';

export interface AuthenticationOptions {
  tokenAuthFile?: string;
  oidc?: OIDCOptions;
  serviceAccountIssuers?: string[];
}

export interface Authentication {
  authenticator: Authenticator;
  issuer: ServiceAccountTokenIssuer;
  /** The issuer new tokens carry (the first --service-account-issuer). */
  issuerURL: string;
  /** Audiences a token must carry to authenticate against the API. */
  audiences: string[];
  keys: ServiceAccountKeys;
  close(): Promise<void>;
}

export async function setUpAuthentication(opts: AuthenticationOptions, ctx: { dataDir: string; adminToken: string; store: Store; logger: Logger }): Promise<Authentication> {
  const issuers = opts.serviceAccountIssuers?.length ? opts.serviceAccountIssuers : [DEFAULT_SA_ISSUER];
  const keys = await ensureServiceAccountKeys(path.join(ctx.dataDir, 'pki'));
  const issuer = new ServiceAccountTokenIssuer(keys);
  const sources: Authenticator[] = [adminAuthenticator(ctx.adminToken)];
  if (opts.tokenAuthFile) sources.push(loadTokenFile(opts.tokenAuthFile, { warn: (m: string) => ctx.logger.warn(m) }));
  sources.push(
    new ServiceAccountTokenAuthenticator({
      keys,
      issuers,
      logger: ctx.logger,
      async lookupServiceAccount(cluster, namespace, name) {
        const sa = await ctx.store.get({ cluster, resource: '/serviceaccounts', namespace, name });
        if (!sa) return undefined;
        const meta = sa.object.metadata ?? {};
        const revoked: string | undefined = meta.annotations?.[REVOKED_TOKENS_ANNOTATION];
        return { uid: meta.uid, deletionTimestamp: meta.deletionTimestamp, revokedCredentialIds: revoked ? revoked.split(',').map((x) => x.trim()) : undefined };
      },
      async lookupBoundObject(cluster, namespace, kind, name) {
        const resource = kind === 'Secret' ? '/secrets' : undefined;
        if (!resource) return undefined;
        const o = await ctx.store.get({ cluster, resource, namespace, name });
        return o ? { uid: o.object.metadata?.uid, deletionTimestamp: o.object.metadata?.deletionTimestamp } : undefined;
      },
    }),
  );
  let oidc: OIDCAuthenticator | undefined;
  if (opts.oidc) {
    oidc = new OIDCAuthenticator({ ...opts.oidc, logger: ctx.logger });
    oidc.start();
    sources.push(oidc);
  }
  return {
    authenticator: new UnionAuthenticator(sources),
    issuer,
    issuerURL: issuers[0],
    audiences: issuers,
    keys,
    close: async () => oidc?.close(),
  };
}
