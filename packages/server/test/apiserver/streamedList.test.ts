import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster, startApiServer } from '../../src/apiserver/index.js';
import { JsonChunks } from '../../src/apiserver/jsonChunks.js';
import { RESOURCES } from '../../src/apiserver/resources.js';
import { SerializationCache } from '../../src/apiserver/serializedObject.js';
import { toTable } from '../../src/apiserver/toTable.js';
import { TimestampShifter } from '../../src/apiserver/wallClock.js';

/** The body JsonChunks writes for `objects` joined by commas, and how many chunks it took. */
function written(objects: readonly object[], shift: number): { text: string; chunks: number } {
  const cache = new SerializationCache();
  const parts: Buffer[] = [];
  const body = new JsonChunks(shift, (data, recycle) => {
    parts.push(Buffer.from(data));
    recycle();
  });
  body.text('[');
  objects.forEach((o, i) => {
    if (i > 0) body.text(',');
    body.object(cache.of(o));
  });
  body.text(']');
  body.end((data) => parts.push(Buffer.from(data)));
  return { text: Buffer.concat(parts).toString('utf8'), chunks: parts.length };
}

function shiftedText(objects: readonly object[], shift: number): string {
  const shifter = new TimestampShifter(shift);
  return `[${objects.map((o) => shifter.stringify(o)).join(',')}]`;
}

const odd = {
  metadata: {
    name: 'ünïcode-✓',
    creationTimestamp: '2026-01-01T00:00:00Z',
    annotations: { startTime: '2026-01-01T00:00:00Z', note: '{"startTime":"2026-01-01T00:00:00Z"} ✓' },
    labels: { creationTimestamp: '2026-01-01' },
  },
  spec: { renewTime: '2026-01-01T00:00:00.123456Z', startTime: '2026-13-01T00:00:00Z' },
  status: {
    startTime: '2026-01-01T00:00:01.5Z',
    conditions: [{ lastTransitionTime: '2026-01-01T00:00:02Z' }],
  },
};

describe('lists written from cached serializations', () => {
  it('give the bytes of each object shifted on its own JSON text, for every object of a cluster and any shift', () => {
    const s = createDefaultCluster().snapshot();
    const objects = [
      ...s.nodes.values(),
      ...s.pods.values(),
      ...s.daemonSets.values(),
      ...s.events.values(),
      odd,
    ];
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), (shift) => {
        expect(written(objects, shift).text).toBe(shiftedText(objects, shift));
      }),
    );
  });

  it('split a body larger than a chunk across reused chunks without losing a byte', () => {
    const pods = [...createDefaultCluster().snapshot().pods.values()];
    const many = Array.from(
      { length: Math.ceil((3 * 1024 * 1024) / JSON.stringify(pods).length) },
      () => pods,
    ).flat();
    const out = written(many, 86_400_000);
    expect(out.chunks).toBeGreaterThan(3);
    expect(out.text).toBe(shiftedText(many, 86_400_000));
  });
});

describe('the streamed list of every resource', () => {
  let server: ApiServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('holds the items and Table rows the objects give, byte for byte, asked twice', async () => {
    const simulation = createDefaultCluster();
    simulation.advance(60_000);
    server = await startApiServer(simulation, {
      paused: true,
      wallClockTimestamps: false,
      insecureHttp: true,
    });
    const snapshot = simulation.snapshot();
    for (const def of RESOURCES.values()) {
      const path = def.group === '' ? `/api/v1/${def.name}` : `/apis/${def.group}/v1/${def.name}`;
      const items = def.list(snapshot, simulation);
      for (let round = 0; round < 2; round++) {
        const json = await (await fetch(`${server.url}${path}`)).text();
        expect(json.slice(json.indexOf('"items":['))).toBe(`"items":${JSON.stringify(items)}}`);
        for (const includeObject of ['Metadata', 'Object', 'None']) {
          const table = await (
            await fetch(`${server.url}${path}?includeObject=${includeObject}`, {
              headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
            })
          ).text();
          const rows = toTable(def, items, includeObject, '', simulation.now).rows;
          expect(table.slice(table.indexOf('"rows":['))).toBe(`"rows":${JSON.stringify(rows)}}`);
        }
      }
    }
  });
});
