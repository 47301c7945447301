import { describe, expect, it } from 'vitest';
import { formatValidator, knownFormat } from './formats.js';

const valid = (format: string, s: string) => formatValidator(knownFormat(format, 'defaults')!)(s);

describe('format registry', () => {
  it('matches names without dashes and knows which formats objects get at 1.34', () => {
    expect(knownFormat('date-time', 'objects')).toBe('datetime');
    expect(knownFormat('datetime', 'objects')).toBe('datetime');
    expect(knownFormat('int32', 'objects')).toBeUndefined();
    expect(knownFormat('k8s-short-name', 'objects')).toBeUndefined();
    expect(knownFormat('k8s-short-name', 'defaults')).toBe('k8sshortname');
  });
});

describe('format checks, as Go parses them', () => {
  const cases: [string, string[], string[]][] = [
    ['bsonobjectid', ['507f1f77bcf86cd799439011'], ['507f1f77bcf86cd79943901', 'xyz']],
    ['uri', ['https://example.com/a?q=1', '/just/a/path', 'mailto:a@b.c', 'http://[::1]:80/x', 'http://u:p@h/'], ['', 'example.com', 'http://exa mple.com/', 'http://h:port/', '/a%zz', 'http://h/\u0001']],
    ['email', ['a@b.com', 'John Doe <john@example.com>', '"q u"@example.com', 'a@[1.2.3.4]', 'a@b.c (comment)'], ['plain', 'a@', '@b.c', 'a@b@c', 'John john@example.com', 'a..b@c.d']],
    ['hostname', ['example.com', 'localhost', 'xn--bcher-kva.example', 'bücher.example'], ['-bad.com', 'a_b.com', `${'a'.repeat(64)}.com`]],
    ['ipv4', ['1.2.3.4', '01.2.3.4', '::ffff:1.2.3.4'], ['1.2.3', '::1', '256.1.1.1']],
    ['ipv6', ['::1', '2001:db8::1', '::ffff:1.2.3.4'], ['1.2.3.4', 'fe80::1%eth0', '::ffff:01.2.3.4']],
    ['cidr', ['10.0.0.0/8', '2001:db8::/32'], ['10.0.0.0', '10.0.0.0/33']],
    ['mac', ['01:23:45:67:89:ab', '01-23-45-67-89-AB', '0123.4567.89ab', '01:23:45:67:89:ab:cd:ef'], ['01:23:45:67:89', '0123.4567', 'zz:23:45:67:89:ab']],
    ['uuid', ['123e4567-e89b-12d3-a456-426614174000', '123E4567E89B12D3A456426614174000'], ['123e4567-e89b-12d3-a456']],
    ['uuid4', ['123e4567-e89b-42d3-a456-426614174000'], ['123e4567-e89b-12d3-a456-426614174000']],
    ['isbn10', ['0321751043', '0-321-75104-3'], ['0321751044']],
    ['isbn13', ['978-0321751041'], ['978-0321751042']],
    ['creditcard', ['4111 1111 1111 1111'], ['4111 1111 1111 1112']],
    ['ssn', ['123-45-6789', '123 45 6789'], ['123456789']],
    ['hexcolor', ['#fff', 'A0B0C0'], ['#ggg', '#ffff']],
    ['rgbcolor', ['rgb(255, 0, 0)'], ['rgb(256,0,0)']],
    ['byte', ['aGVsbG8=', 'YWJj'], ['abc', '', 'a===']],
    ['password', ['anything', ''], []],
    ['date', ['2024-02-29', '1999-12-31'], ['2023-02-29', '2024-13-01', '2024-1-01']],
    ['date-time', ['2024-01-01T10:00:00Z', '2024-01-01t10:00:00.123+02:00'], ['2024-01-01T24:00:00Z', '2024-01-01 10:00:00Z', '2024-01-01T10:00:00']],
    ['duration', ['1h30m', '-1.5s', '0', '3 seconds', '2 days 4 hours'], ['', 'abc', '10 fortnights', '1x']],
    ['k8s-short-name', ['my-name'], ['My-name', 'a-', `${'a'.repeat(64)}`]],
    ['k8s-long-name', ['a.b-c.d'], ['a.-', 'A.b']],
  ];
  for (const [format, good, bad] of cases) {
    it(format, () => {
      for (const s of good) expect(valid(format, s), `${format} accepts ${JSON.stringify(s)}`).toBe(true);
      for (const s of bad) expect(valid(format, s), `${format} rejects ${JSON.stringify(s)}`).toBe(false);
    });
  }
});
