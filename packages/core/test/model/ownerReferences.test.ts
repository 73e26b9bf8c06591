import { describe, expect, it } from 'vitest';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { getControllerOf, isControlledBy, newControllerRef } from '../../src/model/ownerReferences.js';

const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-proxy', uid: 'uid-ds' } };

describe('owner references', () => {
  it('newControllerRef makes a blocking controller reference from the owner', () => {
    expect(newControllerRef(ds)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      name: 'kube-proxy',
      uid: 'uid-ds',
      controller: true,
      blockOwnerDeletion: true,
    });
  });

  it('getControllerOf returns the reference marked controller and ignores the others', () => {
    const plain: OwnerReference = { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'uid-cm' };
    const notController: OwnerReference = { ...plain, controller: false };
    const controller = newControllerRef(ds);
    expect(getControllerOf({ ownerReferences: [plain, notController, controller] })).toBe(controller);
    expect(getControllerOf({ ownerReferences: [plain] })).toBeUndefined();
    expect(getControllerOf({})).toBeUndefined();
  });

  it('isControlledBy compares the controller reference UID', () => {
    const metadata = { ownerReferences: [newControllerRef(ds)] };
    expect(isControlledBy(metadata, 'uid-ds')).toBe(true);
    expect(isControlledBy(metadata, 'uid-other')).toBe(false);
    expect(
      isControlledBy(
        { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'x', uid: 'uid-ds' }] },
        'uid-ds',
      ),
    ).toBe(false);
  });
});
