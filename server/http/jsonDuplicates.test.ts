import { describe, expect, it } from 'vitest';
import { duplicateKeys } from './jsonDuplicates.js';

describe('duplicate keys in JSON bodies', () => {
  it.each([
    ['{"a":1,"b":2}', []],
    ['{"a":1,"a":2}', ['a']],
    ['{"metadata":{"name":"x","name":"y"}}', ['metadata.name']],
    ['{"spec":{"containers":[{"name":"a"},{"name":"b","image":"x","image":"y"}]}}', ['spec.containers[1].image']],
    ['{"data":{"k":"{\\"a\\":1,\\"a\\":2}"}}', []],
    ['{"a\\u0062":1,"ab":2}', ['ab']],
    ['{"x":[1,2,{"y":1}],"x":{}}', ['x']],
  ])('%s', (text, want) => {
    expect(duplicateKeys(text)).toEqual(want);
  });
});
