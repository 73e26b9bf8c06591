import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster, startApiServer } from '../../src/apiserver/index.js';

let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer(createDefaultCluster(), { paused: true, insecureHttp: true });
});
afterAll(async () => {
  await server.close();
});

describe('container logs on the clock the server presents', () => {
  it("date each klog line as its --timestamps prefix, on the server's clock", async () => {
    const pod = [...server.simulation.snapshot().pods.keys()].find((k) => k.includes('/kube-proxy-'))!;
    const [ns, name] = pod.split('/');
    const text = await (
      await fetch(`${server.url}/api/v1/namespaces/${ns}/pods/${name}/log?timestamps=true`)
    ).text();
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      const m =
        /^\d{4}-(\d\d)-(\d\d)T(\d\d:\d\d:\d\d\.\d{3})\d{6}Z I(\d\d)(\d\d) (\d\d:\d\d:\d\d\.\d{3})000 /.exec(
          line,
        );
      expect(m, line).not.toBeNull();
      const [, month, day, time, klogMonth, klogDay, klogTime] = m!;
      expect(`${klogMonth}${klogDay} ${klogTime}`).toBe(`${month}${day} ${time}`);
    }
    // The presented clock is the wall clock's (the simulation was started just now), not 2026-01-01.
    const presented = Date.parse(lines[0]!.slice(0, lines[0]!.indexOf(' ')));
    expect(Math.abs(presented - Date.now())).toBeLessThan(24 * 60 * 60 * 1000);
  });
});
