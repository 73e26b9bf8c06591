import { informerWithoutExpectations, runScenario } from '@daemonsim/scenarios';
import { describe, expect, it } from 'vitest';
import { WatchDeliveries } from '../src/watchDeliveries.js';

describe('WatchDeliveries', () => {
  it('pairs every watch delivery of an informer run with the write it carries, later than it', () => {
    const deliveries = new WatchDeliveries();
    runScenario(informerWithoutExpectations, {
      simulationDefaults: { traceWatchDeliveries: true, traceSink: (e) => deliveries.add(e) },
    });
    expect(deliveries.deliveries.length).toBeGreaterThan(20);
    expect(deliveries.components()).not.toContain('unknown');
    for (const d of deliveries.deliveries) expect(d.deliveredAt).toBeGreaterThan(d.writtenAt);
    const created = deliveries.deliveries.find((d) => d.kind === 'DaemonSet' && d.type === 'ADDED');
    expect(created).toMatchObject({ by: 'user', key: 'monitoring/node-exporter', writtenAt: 1000 });
    expect(
      deliveries.deliveries.filter((d) => d.kind === 'Pod' && d.type === 'ADDED').map((d) => d.by),
    ).toEqual(Array(8).fill('daemonset-controller'));
  });
});
