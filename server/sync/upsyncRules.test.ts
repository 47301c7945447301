// The bounds of what a syncer may upsync, decided from what the write transaction reads.

import { describe, expect, it } from 'vitest';
import { stateLabel, upsyncLabel, UPSYNCED, SYNC_STATE } from '../../apis/sync/contract.js';
import type { ObjectKey, StoredObject, TxReader } from '../../storage/store.js';
import { upsyncRefusal } from './upsyncRules.js';

const KEY = 'k1';
const placed = { [stateLabel(KEY)]: SYNC_STATE };

function tx(objects: Array<[ObjectKey, any]>): TxReader {
  const m = new Map(objects.map(([k, o]) => [`${k.cluster}/${k.resource}/${k.namespace}/${k.name}`, o]));
  return {
    get(k: ObjectKey): StoredObject | undefined {
      const o = m.get(`${k.cluster}/${k.resource}/${k.namespace}/${k.name}`);
      return o ? ({ key: k, rv: 1, json: JSON.stringify(o), object: o } as StoredObject) : undefined;
    },
  } as TxReader;
}

const ns = (labels: Record<string, string>): [ObjectKey, any] => [{ cluster: 'c', resource: '/namespaces', namespace: '', name: 'shop' }, { metadata: { name: 'shop', labels } }];
const deploy = (extra: any = {}): [ObjectKey, any] => [
  { cluster: 'c', resource: 'apps/deployments', namespace: 'shop', name: 'web' },
  { metadata: { name: 'web', namespace: 'shop', uid: 'd-uid', labels: placed, ...extra } },
];
const owner = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true, blockOwnerDeletion: true };

function rs(meta: any = {}): any {
  return { metadata: { name: 'web-abc', namespace: 'shop', labels: { app: 'web', [upsyncLabel(KEY)]: UPSYNCED }, ownerReferences: [owner], ...meta } };
}

describe('upsyncRefusal', () => {
  it('allows a ReplicaSet of a placed Deployment, in a placed namespace, with the upsync label', () => {
    expect(upsyncRefusal(rs(), KEY, 'c', tx([ns(placed), deploy()]), true)).toBeUndefined();
  });

  it('refuses one without the upsync label, or carrying the state label', () => {
    expect(upsyncRefusal(rs({ labels: { app: 'web' } }), KEY, 'c', tx([ns(placed), deploy()]), true)).toMatch(/must carry the label/);
    expect(upsyncRefusal(rs({ labels: { [upsyncLabel(KEY)]: UPSYNCED, ...placed } }), KEY, 'c', tx([ns(placed), deploy()]), true)).toMatch(/must not carry/);
  });

  it('refuses one in a namespace not placed on the target', () => {
    expect(upsyncRefusal(rs(), KEY, 'c', tx([ns({}), deploy()]), true)).toMatch(/not placed/);
  });

  it('refuses a wrong, missing, unplaced, or extra owner', () => {
    const t = tx([ns(placed), deploy()]);
    expect(upsyncRefusal(rs({ ownerReferences: [] }), KEY, 'c', t, true)).toMatch(/controller ownerReference/);
    expect(upsyncRefusal(rs({ ownerReferences: [{ ...owner, uid: 'other' }] }), KEY, 'c', t, true)).toMatch(/does not exist/);
    expect(upsyncRefusal(rs({ ownerReferences: [{ ...owner, kind: 'StatefulSet' }] }), KEY, 'c', t, true)).toMatch(/apps\/v1 Deployment/);
    const extra = { apiVersion: 'v1', kind: 'ConfigMap', name: 'precious', uid: 'cm-uid', blockOwnerDeletion: true };
    expect(upsyncRefusal(rs({ ownerReferences: [owner, extra] }), KEY, 'c', t, true)).toMatch(/only ownerReference/);
    expect(upsyncRefusal(rs(), KEY, 'c', tx([ns(placed), deploy({ labels: {} })]), true)).toMatch(/Deployment shop\/web is not placed/);
  });

  it('refuses a new one while its Deployment is being deleted, but lets an existing one be updated', () => {
    const t = tx([ns(placed), deploy({ deletionTimestamp: '2026-11-21T00:00:00Z' })]);
    expect(upsyncRefusal(rs(), KEY, 'c', t, true)).toMatch(/being deleted/);
    expect(upsyncRefusal(rs(), KEY, 'c', t, false)).toBeUndefined();
  });
});
