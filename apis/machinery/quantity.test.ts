import { describe, expect, it } from 'vitest';
import { canonicalQuantity, parseQuantity } from './quantity.js';

describe('quantity canonical form (as kube-apiserver stores it)', () => {
  it.each([
    ['0.5', '500m'],
    ['500m', '500m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['1.5', '1500m'],
    ['2', '2'],
    ['1.5k', '1500'],
    ['1k', '1k'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['128Mi', '128Mi'],
    ['1000Ki', '1000Ki'],
    ['0.5Ki', '512'],
    ['1e3', '1e3'],
    ['100M', '100M'],
    ['0', '0'],
    ['0Gi', '0'],
    ['-1', '-1'],
    ['0.0000000001', '1n'],
    ['10u', '10u'],
    ['+3', '3'],
  ])('%s → %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  it.each(['', 'abc', '1.2.3', '12Kb', '1iGi', 'Mi'])('rejects %j', (input) => {
    expect(parseQuantity(input)).toBeUndefined();
  });
});
