import { describe, expect, it } from 'vitest';
import * as taints from '../../src/model/wellKnownTaints.js';

describe('well-known taint keys', () => {
  it('use the upstream node.kubernetes.io names', () => {
    expect(taints.TAINT_NODE_NOT_READY).toBe('node.kubernetes.io/not-ready');
    expect(taints.TAINT_NODE_UNREACHABLE).toBe('node.kubernetes.io/unreachable');
    expect(taints.TAINT_NODE_UNSCHEDULABLE).toBe('node.kubernetes.io/unschedulable');
    expect(taints.TAINT_NODE_MEMORY_PRESSURE).toBe('node.kubernetes.io/memory-pressure');
    expect(taints.TAINT_NODE_DISK_PRESSURE).toBe('node.kubernetes.io/disk-pressure');
    expect(taints.TAINT_NODE_PID_PRESSURE).toBe('node.kubernetes.io/pid-pressure');
    expect(taints.TAINT_NODE_NETWORK_UNAVAILABLE).toBe('node.kubernetes.io/network-unavailable');
    expect(taints.TAINT_NODE_OUT_OF_SERVICE).toBe('node.kubernetes.io/out-of-service');
  });
});
