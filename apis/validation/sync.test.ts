import { describe, expect, it } from 'vitest';
import { validatePlacement } from './sync.js';

const placement = (spec: object) => ({ metadata: { name: 'p' }, spec: { location: { workspace: 'root:compute' }, ...spec } });

describe('validatePlacement', () => {
  it('accepts paths, logical cluster ids and valid selectors', () => {
    expect(validatePlacement(placement({}))).toEqual([]);
    expect(validatePlacement(placement({ location: { workspace: '2x8f0c1a9b3d4e5f', selector: { matchLabels: { region: 'eu' } } }, numberOfTargets: 2 }))).toEqual([]);
  });

  it('refuses malformed workspaces, selectors and target counts', () => {
    const errs = validatePlacement(placement({
      location: { workspace: 'root::Bad', selector: { matchExpressions: [{ key: 'a', operator: 'Nope' }] } },
      namespaceSelector: { matchLabels: { 'bad key!': 'x' } },
      numberOfTargets: 0,
    }));
    expect(errs.map((e) => e.field)).toEqual([
      'spec.location.workspace',
      'spec.namespaceSelector.matchLabels',
      'spec.location.selector.matchExpressions[0].operator',
      'spec.numberOfTargets',
    ]);
  });
});
