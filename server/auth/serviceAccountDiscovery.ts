// The documents of ServiceAccount issuer discovery (k8s.io/kubernetes pkg/serviceaccount
// openidmetadata.go), which let other systems verify our tokens:
//   GET /.well-known/openid-configuration   application/json
//   GET /openid/v1/jwks                     application/jwk-set+json
// Upstream serves both only when the issuer is an https URL, to anyone holding the
// system:service-account-issuer-discovery role, with `Cache-Control: public, max-age=3600`.

import { publicJWKs, PublicJWK, SA_SIGNING_ALG, ServiceAccountKeys } from './serviceAccountKeys.js';

export const OPENID_CONFIGURATION_PATH = '/.well-known/openid-configuration';
export const JWKS_PATH = '/openid/v1/jwks';
export const JWKS_CONTENT_TYPE = 'application/jwk-set+json';
export const DISCOVERY_CACHE_CONTROL = 'public, max-age=3600';

export interface OpenIDConfiguration {
  issuer: string;
  jwks_uri: string;
  response_types_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
}

/**
 * The jwks_uri when --service-account-jwks-uri is not given: https://<external address>/openid/v1/jwks
 * (the address clients reach the server at, e.g. "kplane.example.com:6443").
 */
export function defaultJwksURI(externalAddress: string): string {
  return `https://${externalAddress}${JWKS_PATH}`;
}

/** Whether discovery can be served for this issuer (upstream requires an https URL). */
export function discoveryAvailable(issuer: string): boolean {
  try {
    return new URL(issuer).protocol === 'https:';
  } catch {
    return false;
  }
}

export function openIDConfiguration(issuer: string, jwksURI: string): OpenIDConfiguration {
  return {
    issuer,
    jwks_uri: jwksURI,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [SA_SIGNING_ALG],
  };
}

export function jwksDocument(keys: ServiceAccountKeys): { keys: PublicJWK[] } {
  return { keys: publicJWKs(keys) };
}
