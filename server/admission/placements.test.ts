import { describe, expect, it } from 'vitest';
import { ApiError } from '../../apis/errors.js';
import { Attributes } from '../authz/authorizer.js';
import type { AdmissionContext } from './index.js';
import { admitPlacementWrite } from './placements.js';

const ALICE = { username: 'alice', groups: ['system:authenticated'] };
const ADMIN = { username: 'admin', groups: ['system:masters'] };

function context(user = ALICE, allowed = (a: Attributes) => a.cluster === 'compute1' && a.verb === 'use'): AdmissionContext & { asked: Attributes[] } {
  const asked: Attributes[] = [];
  return {
    asked,
    cluster: 'tenant1',
    user,
    store: undefined as never,
    workspaces: { resolve: async (p: string) => (p === 'root:compute' || p === 'compute1' ? 'compute1' : undefined) } as never,
    authorizer: {
      authorize: (_u: unknown, a: Attributes) => {
        asked.push(a);
        return { allowed: allowed(a), reason: '' };
      },
    } as never,
  };
}

const placement = (workspace: string, extra: object = {}) => ({ metadata: { name: 'web' }, spec: { location: { workspace }, ...extra } });

async function refusal(p: Promise<void>): Promise<ApiError> {
  const e = await p.then(() => undefined, (x) => x);
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe('admitPlacementWrite', () => {
  it('asks for "use" on synctargets in the resolved compute workspace', async () => {
    const ctx = context();
    await admitPlacementWrite(ctx, placement('root:compute'), undefined);
    expect(ctx.asked).toEqual([{ cluster: 'compute1', verb: 'use', group: 'sync.kplane.io', resource: 'synctargets' }]);
  });

  it('refuses without it, and refuses an unknown workspace in the same words', async () => {
    const denied = await refusal(admitPlacementWrite(context(ALICE, () => false), placement('root:compute'), undefined));
    expect(denied.code).toBe(403);
    expect(denied.message).toBe('placements.sync.kplane.io "web" is forbidden: User "alice" cannot use resource "synctargets" in API group "sync.kplane.io" in workspace "root:compute"');
    const unknown = await refusal(admitPlacementWrite(context(), placement('root:nowhere'), undefined));
    expect(unknown.message).toBe(denied.message.replace('root:compute', 'root:nowhere'));
  });

  it('checks updates that change the spec only', async () => {
    const ctx = context(ALICE, () => false);
    const old = placement('root:compute');
    await admitPlacementWrite(ctx, { ...old, metadata: { name: 'web', labels: { a: 'b' } }, status: { decisions: [] } }, old);
    expect(ctx.asked).toEqual([]);
    await refusal(admitPlacementWrite(ctx, placement('root:compute', { numberOfTargets: 2 }), old));
  });

  it('lets cluster administrators through, even to a workspace that does not exist', async () => {
    const ctx = context(ADMIN, () => false);
    await admitPlacementWrite(ctx, placement('root:nowhere'), undefined);
    expect(ctx.asked).toEqual([]);
  });
});
