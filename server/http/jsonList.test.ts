import { describe, expect, it } from 'vitest';
import { spliceJsonList } from './jsonList.js';

const naive = (head: string, texts: string[], tail: string) => Buffer.from(`${head}${texts.join(',')}${tail}`);

describe('spliceJsonList', () => {
  it('equals head + join(",") + tail in UTF-8, ASCII or not', () => {
    const cases: Array<[string, string[], string]> = [
      ['{"items":[', [], ']}'],
      ['{"items":[', ['{}'], ']}'],
      ['{"items":[', ['{"a":1}', '{"b":"x"}', '{"c":[]}'], ']}'],
      ['{"items":[', ['{"a":"é"}', '{"b":"日本語"}', '{"c":"😀😀"}'], ']}'],
      ['{"m":"ü","items":[', ['"€"'.repeat(1), '"a"', '"😀"'], ']}'],
      ['[', Array.from({ length: 500 }, (_, i) => JSON.stringify({ i, s: i % 7 === 0 ? '€'.repeat(i) : 'x'.repeat(i) })), ']'],
      ['[', Array.from({ length: 50 }, () => JSON.stringify({ s: '😀'.repeat(300) })), ']'],
      ['', [''], ''],
      ['', [], ''],
    ];
    for (const [head, texts, tail] of cases) {
      const got = spliceJsonList(head, texts, tail);
      expect(got.equals(naive(head, texts, tail))).toBe(true);
    }
  });

  it('parses back to the same list', () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ metadata: { name: `cm-${i}` }, data: { v: i % 3 ? 'plain' : 'ünïcödé ✓' } }));
    const buf = spliceJsonList('{"kind":"List","items":[', items.map((o) => JSON.stringify(o)), ']}');
    expect(JSON.parse(buf.toString('utf8')).items).toEqual(items);
  });
});
