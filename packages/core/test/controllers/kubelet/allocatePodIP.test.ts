import { describe, expect, it } from 'vitest';
import { allocatePodIP } from '../../../src/index.js';

describe('pod addresses', () => {
  it('come from 10.244.0.0/16 in order on an overlay network, as kind gives them', () => {
    expect([1, 2, 250].map((n) => allocatePodIP('overlay', n, '172.18.0.2'))).toEqual([
      '10.244.0.3',
      '10.244.0.4',
      '10.244.1.2',
    ]);
  });

  it("come from the node's /19 on a VPC network, never the node's own, without repeats", () => {
    const node = '192.168.47.102';
    const ips = Array.from({ length: 8000 }, (_, i) => allocatePodIP('vpc', i + 1, node));
    expect(new Set(ips).size).toBe(ips.length);
    for (const ip of ips) {
      const [a, b, c] = ip.split('.').map(Number);
      expect([a, b]).toEqual([192, 168]);
      expect(c! >= 32 && c! < 64).toBe(true);
      expect(ip).not.toBe(node);
    }
  });

  it('fall back to the overlay when the node has no IPv4 address', () => {
    expect(allocatePodIP('vpc', 1, undefined)).toBe('10.244.0.3');
  });
});
