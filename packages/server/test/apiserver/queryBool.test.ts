import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster, startApiServer } from '../../src/apiserver/index.js';
import { queryBool } from '../../src/apiserver/queryBool.js';

const TRUE_FORMS = ['1', 't', 'T', 'TRUE', 'true', 'True', '', 'yes'];
const FALSE_FORMS = ['0', 'false', 'False', 'FALSE', 'fAlSe'];

let server: ApiServer;

beforeEach(async () => {
  server = await startApiServer(createDefaultCluster(), {
    paused: true,
    wallClockTimestamps: false,
    insecureHttp: true,
  });
});
afterEach(async () => {
  await server.close();
});

/** Reads the first line a streaming response sends, then aborts it. */
async function firstLine(url: string): Promise<{ contentType: string; line: string }> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const reader = res.body!.getReader();
  let text = '';
  while (!text.includes('\n')) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += new TextDecoder().decode(chunk.value);
  }
  controller.abort();
  return { contentType: res.headers.get('content-type') ?? '', line: text.split('\n')[0]! };
}

describe('boolean query parameters, decoded as the API server decodes them', () => {
  it('reads absent, false and 0 in any case as false and every other value as true', () => {
    expect(queryBool(new URLSearchParams(''), 'watch')).toBe(false);
    for (const v of TRUE_FORMS) expect(queryBool(new URLSearchParams({ watch: v }), 'watch')).toBe(true);
    for (const v of FALSE_FORMS) expect(queryBool(new URLSearchParams({ watch: v }), 'watch')).toBe(false);
  });

  it('opens a watch for watch=True, as python-kubernetes sends it, and lists for watch=False', async () => {
    for (const v of ['True', 'TRUE', 't', '1']) {
      const { line } = await firstLine(`${server.url}/api/v1/nodes?watch=${v}`);
      const event = JSON.parse(line) as { type: string; object: { kind: string } };
      expect(event.type).toBe('ADDED');
      expect(event.object.kind).toBe('Node');
    }
    for (const v of ['False', '0', 'FALSE']) {
      const res = await fetch(`${server.url}/api/v1/nodes?watch=${v}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { kind: string }).kind).toBe('NodeList');
    }
  });

  it('honours timestamps=True and previous=False on pods/log, and keeps the log open for follow=True', async () => {
    const pod = server.simulation.snapshot().pods.keys().next().value!;
    const [ns, name] = pod.split('/');
    const base = `${server.url}/api/v1/namespaces/${ns}/pods/${name}/log?container=aws-node`;
    const stamped = await (await fetch(`${base}&timestamps=True&previous=False&tailLines=1`)).text();
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \{"level"/);
    const plain = await (await fetch(`${base}&timestamps=False&tailLines=1`)).text();
    expect(plain).toMatch(/^\{"level"/);
    const controller = new AbortController();
    const followed = await fetch(`${base}&follow=True&tailLines=1`, { signal: controller.signal });
    const reader = followed.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^\{"level"/);
    const pending = reader.read();
    const raced = await Promise.race([
      pending.then(() => 'more'),
      new Promise((resolve) => setTimeout(() => resolve('still open'), 200)),
    ]);
    expect(raced).toBe('still open');
    controller.abort();
    await pending.catch(() => undefined);
  });
});
