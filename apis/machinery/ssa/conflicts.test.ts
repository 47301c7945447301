import { describe, expect, it } from 'vitest';
import { Conflict, conflictCauses, conflictError, conflictMessage, printManager } from './conflicts.js';
import { managerIdentifier } from './managedFields.js';
import { keyElement, path } from './pathElement.js';

const csa = managerIdentifier({ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1' });
const applier = managerIdentifier({ manager: 'helm', operation: 'Apply', apiVersion: 'v1' });
const scale = managerIdentifier({ manager: 'kubectl', operation: 'Update', apiVersion: 'apps/v1', subresource: 'scale' });

describe('printing managers', () => {
  it.each([
    [csa, '"kubectl-client-side-apply" using v1'],
    [applier, '"helm"'],
    [scale, '"kubectl" with subresource "scale" using apps/v1'],
    ['not json', '"not json"'],
  ])('%s → %s', (id, text) => {
    expect(printManager(id)).toBe(text);
  });
});

describe('conflict messages', () => {
  it('words one conflict on one line', () => {
    const c: Conflict[] = [{ manager: csa, path: path('data', 'key1') }];
    expect(conflictMessage(c)).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.key1');
  });

  it('groups several conflicts per manager, managers sorted by identifier', () => {
    const c: Conflict[] = [
      { manager: csa, path: path('data', 'key1') },
      { manager: applier, path: path('spec', 'template', 'spec', 'containers', keyElement({ name: 'nginx' }), 'image') },
      { manager: csa, path: path('data', 'key2') },
    ];
    expect(conflictMessage(c)).toBe(
      'Apply failed with 3 conflicts: conflicts with "helm":\n' +
        '- .spec.template.spec.containers[name="nginx"].image\n' +
        'conflicts with "kubectl-client-side-apply" using v1:\n' +
        '- .data.key1\n' +
        '- .data.key2',
    );
  });

  it('builds the 409 Status with FieldManagerConflict causes', () => {
    const c: Conflict[] = [
      { manager: scale, path: path('spec', 'replicas') },
      { manager: csa, path: path('data', 'key1') },
    ];
    expect(conflictCauses(c)).toEqual([
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl" with subresource "scale" using apps/v1', field: '.spec.replicas' },
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using v1', field: '.data.key1' },
    ]);
    const status = conflictError(c).toStatus();
    expect(status).toMatchObject({ kind: 'Status', status: 'Failure', code: 409, reason: 'Conflict', details: { causes: conflictCauses(c) } });
    expect(status.message).toMatch(/^Apply failed with 2 conflicts: conflicts with "kubectl"/);
  });
});
