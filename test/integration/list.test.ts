// LIST as clients rely on it: label selectors (every operator), field selectors, paging with
// limit/continue across namespaces, and resourceVersion / resourceVersionMatch semantics.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, apiClient } from '../support/http.js';
import { createConfigMap, createNamespace, currentRV, expectStatus, get } from '../support/kube.js';
import { startTestServer, TestServer } from '../support/server.js';

const SEL = '/api/v1/namespaces/sel/configmaps';

describe('list', () => {
  let server: TestServer;
  let c: ApiClient;
  const names = async (path: string): Promise<string[]> => {
    const r = await get(c, path);
    expect(r.status, r.text).toBe(200);
    return r.json().items.map((i: any) => i.metadata.name);
  };
  const q = (param: string, value: string) => `${param}=${encodeURIComponent(value)}`;

  beforeAll(async () => {
    server = await startTestServer();
    c = apiClient(server.baseURL, server.caPem, server.token, { http2: true });
    await createNamespace(c, 'sel');
    await createConfigMap(c, 'sel', 'a', { labels: { env: 'prod', tier: 'web' } });
    await createConfigMap(c, 'sel', 'b', { labels: { env: 'dev', tier: 'web' } });
    await createConfigMap(c, 'sel', 'c', { labels: { env: 'prod' } });
    await createConfigMap(c, 'sel', 'd');
    for (const ns of ['page-b', 'page-a', 'page-c']) {
      await createNamespace(c, ns);
      for (const n of ['z', 'm', 'a']) await createConfigMap(c, ns, `${n}-${ns}`, { labels: { paged: 'yes' } });
    }
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  describe('label selectors', () => {
    const cases: Array<[string, string[]]> = [
      ['env=prod', ['a', 'c']],
      ['env==prod', ['a', 'c']],
      ['env!=prod', ['b', 'd']],
      ['env in (dev,prod)', ['a', 'b', 'c']],
      ['env notin (dev)', ['a', 'c', 'd']],
      ['tier', ['a', 'b']],
      ['!tier', ['c', 'd']],
      ['env=prod,tier=web', ['a']],
      ['env in (prod),!tier', ['c']],
      ['', ['a', 'b', 'c', 'd']],
    ];
    for (const [selector, expected] of cases) {
      it(`"${selector}" selects ${expected.join(',')}`, async () => {
        expect(await names(`${SEL}?${q('labelSelector', selector)}`)).toEqual(expected);
      });
    }

    it('a malformed selector is 400 BadRequest', async () => {
      for (const bad of ['env in (dev', '=prod', 'env in (a b)', 'env notin dev', 'a b', '-bad=x', 'env=-x-']) {
        const s = expectStatus(await get(c, `${SEL}?${q('labelSelector', bad)}`), 400, 'BadRequest');
        expect(s.message.length).toBeGreaterThan(0);
      }
      const s = expectStatus(await get(c, `${SEL}?${q('labelSelector', 'env in (dev')}`), 400, 'BadRequest');
      expect(s.message).toMatch(/^unable to parse requirement: /);
    });
  });

  describe('field selectors', () => {
    it('metadata.name = and !=', async () => {
      expect(await names(`${SEL}?${q('fieldSelector', 'metadata.name=b')}`)).toEqual(['b']);
      expect(await names(`${SEL}?${q('fieldSelector', 'metadata.name==b')}`)).toEqual(['b']);
      expect(await names(`${SEL}?${q('fieldSelector', 'metadata.name!=b')}`)).toEqual(['a', 'c', 'd']);
      expect(await names(`${SEL}?${q('fieldSelector', 'metadata.name=nope')}`)).toEqual([]);
    });

    it('metadata.namespace across namespaces, combined with labels', async () => {
      expect(await names(`/api/v1/configmaps?${q('fieldSelector', 'metadata.namespace=sel')}`)).toEqual(['a', 'b', 'c', 'd']);
      const others = await names(`/api/v1/configmaps?${q('fieldSelector', 'metadata.namespace!=sel')}&${q('labelSelector', 'paged')}`);
      expect(others).toHaveLength(9);
      expect(await names(`/api/v1/configmaps?${q('fieldSelector', 'metadata.namespace=sel,metadata.name=c')}&${q('labelSelector', 'env=prod')}`)).toEqual(['c']);
      // A namespace selector that contradicts the URL's namespace matches nothing.
      expect(await names(`${SEL}?${q('fieldSelector', 'metadata.namespace=page-a')}`)).toEqual([]);
    });

    it('an unsupported field label is 400 BadRequest', async () => {
      const s = expectStatus(await get(c, `${SEL}?${q('fieldSelector', 'spec.foo=x')}`), 400, 'BadRequest');
      expect(s.message).toBe('"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"');
      expectStatus(await get(c, `${SEL}?${q('fieldSelector', 'metadata.name')}`), 400, 'BadRequest');
    });
  });

  describe('paging', () => {
    it('limit/continue across namespaces returns each object once, in (namespace, name) order', async () => {
      const sel = q('labelSelector', 'paged=yes');
      const all = (await get(c, `/api/v1/configmaps?${sel}`)).json().items.map((i: any) => `${i.metadata.namespace}/${i.metadata.name}`);
      expect(all).toHaveLength(9);
      const sorted = [...all].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      expect(all).toEqual(sorted);

      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const r = await get(c, `/api/v1/configmaps?${sel}&limit=2${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
        expect(r.status, r.text).toBe(200);
        const page = r.json();
        expect(page.items.length).toBeLessThanOrEqual(2);
        expect(page.metadata.resourceVersion).toMatch(/^\d+$/);
        seen.push(...page.items.map((i: any) => `${i.metadata.namespace}/${i.metadata.name}`));
        token = page.metadata.continue || undefined;
        pages++;
      } while (token && pages < 20);
      expect(seen).toEqual(all);
      expect(pages).toBeGreaterThanOrEqual(5);
    });

    it('an object created behind the cursor during paging is not returned twice', async () => {
      const first = (await get(c, '/api/v1/namespaces/page-b/configmaps?limit=2')).json();
      expect(first.items.map((i: any) => i.metadata.name)).toEqual(['a-page-b', 'm-page-b']);
      await createConfigMap(c, 'page-b', 'b-page-b');
      const rest = (await get(c, `/api/v1/namespaces/page-b/configmaps?limit=10&continue=${encodeURIComponent(first.metadata.continue)}`)).json();
      expect(rest.items.map((i: any) => i.metadata.name)).toEqual(['z-page-b']);
      expect(rest.metadata.continue).toBeUndefined();
    });

    it('a malformed continue token is 400', async () => {
      for (const token of ['garbage', Buffer.from('{"v":"meta.k8s.io/v1"}').toString('base64')]) {
        const s = expectStatus(await get(c, `${SEL}?limit=1&continue=${encodeURIComponent(token)}`), 400, 'BadRequest');
        expect(s.message).toMatch(/^continue key is not valid/);
      }
    });
  });

  describe('resourceVersion semantics', () => {
    it('unset is a consistent read at the current revision; "0" is any', async () => {
      const created = await createConfigMap(c, 'sel', 'rv-probe');
      const unset = (await get(c, SEL)).json();
      expect(Number(unset.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(created.metadata.resourceVersion));
      expect(unset.items.map((i: any) => i.metadata.name)).toContain('rv-probe');
      const zero = await get(c, `${SEL}?resourceVersion=0`);
      expect(zero.status).toBe(200);
      expect(Number(zero.json().metadata.resourceVersion)).toBeGreaterThan(0);
    });

    it('NotOlderThan with the current revision answers at least that revision', async () => {
      const rv = await currentRV(c);
      for (const query of [`resourceVersion=${rv}`, `resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`]) {
        const r = await get(c, `${SEL}?${query}`);
        expect(r.status, r.text).toBe(200);
        expect(Number(r.json().metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(rv));
      }
    });

    it('a resourceVersion from the future is 504 Timeout "Too large resource version"', async () => {
      const rv = Number(await currentRV(c));
      const s = expectStatus(await get(c, `${SEL}?resourceVersion=${rv + 1000}`), 504, 'Timeout');
      expect(s.message).toBe(`Timeout: Too large resource version: ${rv + 1000}, current: ${rv}`);
      expect(s.details.retryAfterSeconds).toBe(1);
      expect(s.details.causes).toEqual([{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }]);
    });

    it('Exact with a revision that is no longer served is 410 Expired', async () => {
      const old = (await get(c, SEL)).json().metadata.resourceVersion;
      await createConfigMap(c, 'sel', 'rv-later');
      const s = expectStatus(await get(c, `${SEL}?resourceVersion=${old}&resourceVersionMatch=Exact`), 410, 'Expired');
      expect(s.message).toMatch(/resource version/);
    });

    it('invalid resourceVersionMatch combinations are 422 on ListOptions', async () => {
      const cases: Array<[string, string]> = [
        ['resourceVersionMatch=Exact', 'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided'],
        ['resourceVersion=0&resourceVersionMatch=Exact', 'resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"'],
        ['resourceVersion=1&resourceVersionMatch=Newest', 'resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""'],
      ];
      for (const [query, message] of cases) {
        const s = expectStatus(await get(c, `${SEL}?${query}`), 422, 'Invalid');
        expect(s.message).toBe(`ListOptions.meta.k8s.io "" is invalid: ${message}`);
        expect(s.details).toMatchObject({ group: 'meta.k8s.io', kind: 'ListOptions' });
      }
    });
  });
});
