import { isCelList, isCelMap, type CelValue } from '@bufbuild/cel';
import { describe, expect, it } from 'vitest';
import { listSemanticsOf } from '../lib/equality.js';
import { JSONSchema } from '../schema.js';
import { ValueConverter } from './convert.js';

const schema: JSONSchema = {
  type: 'object',
  properties: {
    count: { type: 'integer' },
    ratio: { type: 'number' },
    port: { 'x-kubernetes-int-or-string': true },
    data: { type: 'string', format: 'byte' },
    when: { type: 'string', format: 'date-time' },
    'my-field': { type: 'string' },
    gone: { type: 'string', nullable: true },
    tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
    free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  },
};

describe('schema-typed values', () => {
  const value = new ValueConverter().convert(
    { count: 3, ratio: 2, port: 8080, data: 'aGk=', when: '1970-01-01T00:00:05Z', 'my-field': 'x', gone: null, tags: ['a'], free: { n: 1.5 }, extra: 7 },
    schema,
  ) as CelValue;

  it('types properties by the schema, under their escaped names', () => {
    if (!isCelMap(value)) throw new Error('not a map');
    expect(value.get('count')).toBe(3n);
    expect(value.get('ratio')).toBe(2);
    expect(value.get('port')).toBe(8080n);
    expect(value.get('data')).toEqual(new Uint8Array([104, 105]));
    expect(value.get('my__dash__field')).toBe('x');
    expect(value.has('gone')).toBe(false);
    expect(value.get('extra')).toBe(7);
  });

  it('remembers how set lists compare', () => {
    if (!isCelMap(value)) throw new Error('not a map');
    const tags = value.get('tags');
    expect(isCelList(tags) && listSemanticsOf(tags)).toEqual({ kind: 'set' });
  });
});
