import { describe, expect, it } from 'vitest';
import { fieldErrorText } from '../errors.js';
import { goStringMapText, goStringSliceText, intOrString, labelSelectorText, quantityValue } from './goValue.js';

describe('Go renderings of bad values', () => {
  it('prints maps and slices as %#v does', () => {
    expect(goStringMapText({ tier: 'web', app: 'x' })).toBe('map[string]string{"app":"x", "tier":"web"}');
    expect(goStringMapText(undefined)).toBe('map[string]string(nil)');
    expect(goStringMapText({})).toBe('map[string]string{}');
    expect(goStringSliceText(['a', 'b'])).toBe('[]string{"a", "b"}');
    expect(goStringSliceText(undefined, '[]core.ResourceQuotaScope')).toBe('[]core.ResourceQuotaScope(nil)');
  });

  it('prints Stringers (IntOrString, Quantity, LabelSelector) with String()', () => {
    expect(intOrString(0).goString()).toBe('0');
    expect(intOrString('25%').goString()).toBe('25%');
    expect(quantityValue('1.5').goString()).toBe('1500m');
    expect(labelSelectorText({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] })).toBe(
      '&LabelSelector{MatchLabels:map[string]string{a: 1,b: 2,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,Operator:In,Values:[web api],},},}',
    );
  });

  it('renders field errors as field.Error does', () => {
    expect(fieldErrorText({ type: 'NotFound', field: 'spec.containers[0].volumeMounts[0].name', value: 'data' })).toBe('spec.containers[0].volumeMounts[0].name: Not found: "data"');
    expect(fieldErrorText({ type: 'Invalid', field: 'x', value: 'tab\there', detail: 'bad' })).toBe('x: Invalid value: "tab\\there": bad');
    expect(fieldErrorText({ type: 'TooMany', field: 'spec.rules', value: 25, detail: 'must have at most 20 items' })).toBe('spec.rules: Too many: 25: must have at most 20 items');
    expect(fieldErrorText({ type: 'Invalid', field: 'spec.strategy.rollingUpdate.maxUnavailable', value: intOrString(0), detail: 'may not be 0 when `maxSurge` is 0' }))
      .toBe('spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0');
  });
});
