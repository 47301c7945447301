import { describe, expect, it } from 'vitest';
import { STANDARD_VERBS } from './model.js';
import { resources } from './policy-v1.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('policy/v1 poddisruptionbudgets', () => {
  const pdb = resources[0];

  it('has the upstream discovery facts', () => {
    expect(resources).toHaveLength(1);
    expect(pdb).toMatchObject({
      group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', singular: 'poddisruptionbudget',
      namespaced: true, shortNames: ['pdb'], status: true, generation: true, type: 'policy/v1:PodDisruptionBudget',
    });
    expect(pdb.verbs).toEqual(STANDARD_VERBS);
    expect(pdb.categories).toBeUndefined();
  });

  it('prints NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE', () => {
    expect(pdb.columns!.map((c) => c.name.toUpperCase())).toEqual(['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE']);
    const cells = (o: object) => pdb.columns!.map((c) => c.cell(o, NOW));
    expect(cells({ metadata: { name: 'web', creationTimestamp: ago(10) }, spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1 } }))
      .toEqual(['web', '2', 'N/A', 1, '10s']);
    expect(cells({ metadata: { name: 'db', creationTimestamp: ago(10) }, spec: { maxUnavailable: '25%' } })).toEqual(['db', 'N/A', '25%', 0, '10s']);
  });
});
