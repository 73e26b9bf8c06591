// Hostile request bodies through the HTTP API server, as kubectl sends them (fieldValidation=Strict):
// each answered with upstream's status, reason and message, and the simulation left unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster, startApiServer } from '../../src/apiserver/index.js';
import {
  DAEMONSET_CASES,
  hostileManifest,
  validDaemonSet,
} from '../../../scenarios/test/hostile/hostileCases.js';
import { fingerprint } from '../../../scenarios/test/hostile/fingerprint.js';
import type { HttpCase } from './httpCases.js';
import { DS, HTTP_CASES } from './httpCases.js';

let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer(createDefaultCluster(), {
    paused: true,
    wallClockTimestamps: false,
    insecureHttp: true,
  });
});
afterAll(async () => {
  await server.close();
});

interface Answer {
  readonly status: number;
  readonly body: { reason?: string; message?: string; metadata?: { name?: string } };
  readonly warnings: string | null;
}

async function send(
  method: string,
  path: string,
  body: string,
  contentType = 'application/json',
): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, { method, body, headers: { 'Content-Type': contentType } });
  return {
    status: res.status,
    body: (await res.json()) as Answer['body'],
    warnings: res.headers.get('warning'),
  };
}

async function unchanged(request: () => Promise<Answer>): Promise<Answer> {
  const before = fingerprint(server.simulation);
  const answer = await request();
  expect(fingerprint(server.simulation)).toBe(before);
  return answer;
}

describe('hostile request bodies through the API server', () => {
  it.each(DAEMONSET_CASES.filter((c) => c.json !== false))(
    'POST with $name answers upstream’s Status and changes nothing',
    async (c) => {
      const answer = await unchanged(() =>
        send('POST', `${DS}?fieldValidation=Strict`, JSON.stringify(hostileManifest(c))),
      );
      expect(answer.status).toBe(c.code === 'BadRequest' ? 400 : 422);
      expect(answer.body.reason).toBe(c.code);
      expect(answer.body.message).toBe(c.message);
    },
  );

  it('a duplicate field in the JSON text is a strict decoding error naming its path', async () => {
    const text = JSON.stringify(validDaemonSet()).replace(
      '"name":"hostile"',
      '"name":"hostile","name":"twice"',
    );
    const answer = await unchanged(() => send('POST', `${DS}?fieldValidation=Strict`, text));
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(
      'DaemonSet in version "v1" cannot be handled as a DaemonSet: strict decoding error: duplicate field "metadata.name"',
    );
  });

  it('without fieldValidation an unknown field is dropped with a Warning header, as upstream’s default Warn', async () => {
    const m = validDaemonSet();
    (m.metadata as Record<string, unknown>).name = 'warned';
    (m.spec as Record<string, unknown>).selectr = {};
    const answer = await send('POST', DS, JSON.stringify(m));
    expect(answer.status).toBe(201);
    expect(answer.warnings).toBe('299 - "unknown field \\"spec.selectr\\""');
    expect(server.simulation.view.getDaemonSet('default/warned')!.spec).not.toHaveProperty('selectr');
  });

  it('fieldValidation=Ignore drops unknown fields silently', async () => {
    const m = validDaemonSet();
    (m.metadata as Record<string, unknown>).name = 'ignored';
    (m.spec as Record<string, unknown>).selectr = {};
    const answer = await send('POST', `${DS}?fieldValidation=Ignore`, JSON.stringify(m));
    expect(answer.status).toBe(201);
    expect(answer.warnings).toBeNull();
  });

  it('an unknown fieldValidation is a 422 naming the supported values', async () => {
    const answer = await unchanged(() =>
      send('POST', `${DS}?fieldValidation=Bogus`, JSON.stringify(validDaemonSet())),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.message).toBe(
      'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Bogus": supported values: "Ignore", "Warn", "Strict"',
    );
  });

  it('a merge patch whose result has a wrong type is a 422 on the patch, the DaemonSet unchanged (was: 500 and written)', async () => {
    const path = '/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy';
    const answer = await unchanged(() =>
      send(
        'PATCH',
        `${path}?fieldValidation=Strict`,
        JSON.stringify({ spec: { template: { spec: { terminationGracePeriodSeconds: 'x' } } } }),
        'application/merge-patch+json',
      ),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.message).toMatch(
      /^ "" is invalid: patch: Invalid value: "\{.*\.\.\.": json: cannot unmarshal string into Go struct field PodSpec\.spec\.template\.spec\.terminationGracePeriodSeconds of type int64$/,
    );
  });

  it('a strategic merge patch adding an unknown field is a 422 strict decoding error under Strict', async () => {
    const path = '/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy';
    const answer = await unchanged(() =>
      send(
        'PATCH',
        `${path}?fieldValidation=Strict`,
        JSON.stringify({ spec: { minReadySecond: 3 } }),
        'application/strategic-merge-patch+json',
      ),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.message).toMatch(/: strict decoding error: unknown field "spec\.minReadySecond"$/);
  });

  it('a node whose capacity is garbage is a 400 and no node joins', async () => {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'bad' },
      status: { capacity: { cpu: 'garbage' } },
    };
    const answer = await unchanged(() =>
      send('POST', '/api/v1/nodes?fieldValidation=Strict', JSON.stringify(node)),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(
      'Node in version "v1" cannot be handled as a Node: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    );
  });

  it('a namespace named with dots is a 422', async () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } };
    const answer = await unchanged(() => send('POST', '/api/v1/namespaces', JSON.stringify(ns)));
    expect(answer.status).toBe(422);
    expect(answer.body.message).toBe(
      'Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots',
    );
  });

  it('serves upstream’s OpenAPI v2 as JSON, protobuf to a protobuf Accept, and refuses other media types with 406', async () => {
    const json = await fetch(`${server.url}/openapi/v2`);
    expect(json.status).toBe(200);
    const doc = (await json.json()) as { definitions: Record<string, { description?: string }> };
    expect(doc.definitions['io.k8s.api.apps.v1.RollingUpdateDaemonSet']!.description).toBe(
      'Spec to control the desired behavior of daemon set rolling update.',
    );
    const pb = await fetch(`${server.url}/openapi/v2`, {
      headers: { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' },
    });
    expect(pb.status).toBe(200);
    expect(pb.headers.get('content-type')).toContain('protobuf');
    const text = await fetch(`${server.url}/openapi/v2`, { headers: { Accept: 'text/plain' } });
    expect(text.status).toBe(406);
  });
});

/** Sends one hostile request as bytes (so fetch adds no Content-Type of its own), within 10 s. */
async function sendCase(s: ApiServer, c: HttpCase): Promise<{ status: number; message?: string }> {
  const res = await fetch(`${s.url}${c.path}`, {
    method: c.method,
    ...(c.body === undefined ? {} : { body: Buffer.from(c.body) }),
    headers: c.contentType === undefined ? {} : { 'Content-Type': c.contentType },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  const body = text.startsWith('{') ? (JSON.parse(text) as { kind?: string; message?: string }) : {};
  return { status: res.status, ...(body.kind === 'Status' ? { message: body.message } : {}) };
}

describe('hostile HTTP requests: media types, depth, malformed text, parameters, paths', () => {
  it.each(HTTP_CASES)('$name answers $status', async (c) => {
    const before = fingerprint(server.simulation);
    const answer = await sendCase(server, c);
    expect(answer.status).toBe(c.status);
    if (c.message !== undefined) expect(answer.message).toBe(c.message);
    if (c.status >= 400) expect(fingerprint(server.simulation)).toBe(before);
    else expect(c.accepted).toBeDefined();
  });
});

describe('the tally of every hostile HTTP input', () => {
  it('answers each within 10 s and never 500; every rejection leaves the simulation unchanged', async () => {
    const fresh = await startApiServer(createDefaultCluster(), { paused: true, insecureHttp: true });
    const cases: HttpCase[] = [
      ...DAEMONSET_CASES.filter((c) => c.json !== false).map((c): HttpCase => ({
        name: c.name,
        method: 'POST',
        path: `${DS}?fieldValidation=Strict`,
        body: JSON.stringify(hostileManifest(c)),
        contentType: 'application/json',
        status: c.code === 'BadRequest' ? 400 : 422,
      })),
      ...HTTP_CASES,
    ];
    const byStatus = new Map<number, number>();
    const problems: string[] = [];
    try {
      for (const c of cases) {
        const before = fingerprint(fresh.simulation);
        const answer = await sendCase(fresh, c);
        byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500) problems.push(`${c.name}: ${answer.status}`);
        if (answer.status >= 400 && answer.message === undefined) problems.push(`${c.name}: no Status`);
        if (answer.status >= 400 && fingerprint(fresh.simulation) !== before)
          problems.push(`${c.name}: changed state`);
        if (answer.status !== c.status) problems.push(`${c.name}: ${answer.status}, not ${c.status}`);
      }
    } finally {
      await fresh.close();
    }
    const accepted = [...byStatus].filter(([s]) => s < 400).reduce((n, [, k]) => n + k, 0);
    const tally = {
      tried: cases.length,
      rejected: cases.length - accepted,
      accepted,
      byStatus: Object.fromEntries([...byStatus].sort(([a], [b]) => a - b)),
    };
    console.info(`hostile HTTP inputs: ${JSON.stringify(tally)}`);
    expect(problems).toEqual([]);
    expect(accepted).toBe(cases.filter((c) => c.accepted !== undefined).length);
  });
});
