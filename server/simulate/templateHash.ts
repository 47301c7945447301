// The short hashes controllers put in object names and labels: a Deployment's pod-template-hash
// (ReplicaSet "<deployment>-<hash>") and a StatefulSet's revision ("<set>-<hash>"). Upstream
// hashes the Go value of the template with FNV-1a and spells the 32-bit sum's decimal digits
// with rand.SafeEncodeString's alphabet; we hash the canonical JSON instead, so the values differ
// from a real cluster's but look the same and change exactly when the template changes.

import { canonicalJson } from '../../apis/machinery/jsonEqual.js';

/** rand.SafeEncodeString's alphabet: no vowels, no confusable characters. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character mapped into the safe alphabet. */
export function safeEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) out += SAFE_ALPHABET[byte % SAFE_ALPHABET.length];
  return out;
}

/**
 * controller.ComputeHash: the hash of a pod template, changed by a hash collision count so a
 * clashing name can be replaced by another.
 */
export function templateHash(template: unknown, collisionCount?: number): string {
  const text = canonicalJson(template ?? {}) + (collisionCount ? `#${collisionCount}` : '');
  return safeEncode(String(fnv32a(text)));
}
