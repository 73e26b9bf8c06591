/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies read field by field in assertions */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster, startApiServer } from '../../src/apiserver/index.js';

const TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

let server: ApiServer;

beforeEach(async () => {
  const simulation = createDefaultCluster();
  for (let i = 0; i < 8; i++) simulation.submit({ type: 'NodeAdded', node: { name: `extra-${i}` } });
  simulation.advance(60_000);
  server = await startApiServer(simulation, { paused: true, wallClockTimestamps: false, insecureHttp: true });
});
afterEach(async () => {
  await server.close();
});

async function getJson(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}${path}`, { headers });
  return { status: res.status, body: await res.json() };
}

function names(items: readonly any[]): string[] {
  return items.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);
}

function stateJson(): string {
  const s = server.simulation.snapshot();
  return JSON.stringify([s.time, [...s.nodes], [...s.pods], [...s.daemonSets], [...s.namespaces]]);
}

/** Follows `continue` from `path` until the last page, returning the pages. */
async function allPages(path: string, headers: Record<string, string> = {}): Promise<any[]> {
  const pages: any[] = [];
  let token: string | undefined;
  do {
    const url = new URL(path, 'http://x');
    if (token !== undefined) url.searchParams.set('continue', token);
    const { status, body } = await getJson(`${url.pathname}${url.search}`, headers);
    expect(status).toBe(200);
    pages.push(body);
    token = body.metadata.continue;
  } while (token !== undefined);
  return pages;
}

describe('lists paged by limit and continue', () => {
  it('walks every pod in key order in pages of `limit`, counting what remains, ending without a continue', async () => {
    const full = (await getJson('/api/v1/pods')).body;
    expect(full.items.length).toBeGreaterThan(12);
    expect(full.metadata.continue).toBeUndefined();
    const pages = await allPages('/api/v1/pods?limit=5');
    expect(pages.length).toBe(Math.ceil(full.items.length / 5));
    expect(names(pages.flatMap((p) => p.items))).toEqual(names(full.items));
    let seen = 0;
    for (const page of pages.slice(0, -1)) {
      seen += page.items.length;
      expect(page.items).toHaveLength(5);
      expect(page.metadata.remainingItemCount).toBe(full.items.length - seen);
      expect(page.metadata.resourceVersion).toBe(pages[0].metadata.resourceVersion);
    }
    expect(pages.at(-1).metadata.remainingItemCount).toBeUndefined();
  });

  it('gives an opaque token that decodes as upstream: base64url JSON with v, rv and the next start key', async () => {
    const { body } = await getJson('/api/v1/namespaces/kube-system/pods?limit=1');
    const token = JSON.parse(Buffer.from(body.metadata.continue, 'base64url').toString('utf8'));
    expect(token).toEqual({
      v: 'meta.k8s.io/v1',
      rv: Number(body.metadata.resourceVersion),
      start: `${body.items[0].metadata.name}\u0000`,
    });
  });

  it('serves the later pages from the state the first page read, even after writes', async () => {
    const first = (await getJson('/api/v1/pods?limit=4')).body;
    const before = (await getJson('/api/v1/pods')).body.items;
    const victim = before.at(-1);
    server.simulation.submit({
      type: 'PodDeleted',
      namespace: victim.metadata.namespace,
      name: victim.metadata.name,
      gracePeriodSeconds: 0,
    });
    server.simulation.submit({ type: 'NodeAdded', node: { name: 'late-node' } });
    server.advance(30_000);
    const rest = await allPages(
      `/api/v1/pods?limit=4&continue=${encodeURIComponent(first.metadata.continue)}`,
    );
    expect(names([...first.items, ...rest.flatMap((p) => p.items)])).toEqual(names(before));
    expect(rest.every((p) => p.metadata.resourceVersion === first.metadata.resourceVersion)).toBe(true);
  });

  it('answers a token whose state is forgotten 410 Expired with upstream Status and a token for the inconsistent rest', async () => {
    const first = (await getJson('/api/v1/pods?limit=3')).body;
    for (let i = 0; i < 10; i++) {
      server.simulation.submit({ type: 'NodeAdded', node: { name: `churn-${i}` } });
      expect((await getJson('/api/v1/pods?limit=3')).status).toBe(200);
    }
    const before = stateJson();
    const { status, body } = await getJson(
      `/api/v1/pods?limit=3&continue=${encodeURIComponent(first.metadata.continue)}`,
    );
    expect(status).toBe(410);
    expect(body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 });
    expect(body.message).toBe(
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
    );
    const inconsistent = JSON.parse(Buffer.from(body.metadata.continue, 'base64url').toString('utf8'));
    expect(inconsistent.rv).toBe(-1);
    const rest = await allPages(
      `/api/v1/pods?limit=3&continue=${encodeURIComponent(body.metadata.continue)}`,
    );
    const latest = (await getJson('/api/v1/pods')).body.items;
    const lastFirst = names(first.items).at(-1)!;
    expect(names(rest.flatMap((p) => p.items))).toEqual(names(latest).filter((n) => n > lastFirst));
    expect(stateJson()).toBe(before);
  });

  it('rejects a malformed token and a token with a resourceVersion 400 BadRequest in upstream words', async () => {
    const bad = await getJson('/api/v1/pods?limit=3&continue=not*base64');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    expect(bad.body.message).toMatch(/^invalid continue token: continue key is not valid: /);
    const noRv = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 0, start: 'a' })).toString(
      'base64url',
    );
    expect((await getJson(`/api/v1/pods?continue=${noRv}`)).body.message).toBe(
      'invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
    const v2 = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v2', rv: 3, start: 'a' })).toString('base64url');
    expect((await getJson(`/api/v1/pods?continue=${v2}`)).body.message).toBe(
      'invalid continue token: continue key is not valid: server does not recognize this encoded version meta.k8s.io/v2',
    );
    const traversal = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 3, start: '../x' })).toString(
      'base64url',
    );
    expect((await getJson(`/api/v1/namespaces/default/pods?continue=${traversal}`)).body.message).toBe(
      'invalid continue token: continue key is not valid: ../x',
    );
    const token = (await getJson('/api/v1/pods?limit=2')).body.metadata.continue;
    const withRv = await getJson(
      `/api/v1/pods?limit=2&resourceVersion=5&continue=${encodeURIComponent(token)}`,
    );
    expect(withRv.status).toBe(400);
    expect(withRv.body.message).toBe('specifying resource version is not allowed when using continue');
  });

  it('pages a filtered list without remainingItemCount, as upstream counts only unfiltered lists', async () => {
    const selector = encodeURIComponent('k8s-app=kube-proxy');
    const full = (await getJson(`/api/v1/pods?labelSelector=${selector}`)).body.items;
    const kubeProxy = full.length;
    expect(kubeProxy).toBeGreaterThan(3);
    const pages = await allPages(`/api/v1/pods?labelSelector=${selector}&limit=3`);
    expect(names(pages.flatMap((p) => p.items))).toEqual(names(full));
    expect(pages.every((p) => p.metadata.remainingItemCount === undefined)).toBe(true);
  });

  it('pages a Table the same way, with continue and remainingItemCount in its metadata', async () => {
    const pages = await allPages('/api/v1/nodes?limit=4', { Accept: TABLE });
    expect(pages[0].kind).toBe('Table');
    expect(pages[0].columnDefinitions.map((c: any) => c.name)).toContain('Name');
    const nodes = (await getJson('/api/v1/nodes')).body.items.map((n: any) => n.metadata.name);
    expect(pages.flatMap((p) => p.rows.map((r: any) => r.cells[0]))).toEqual(nodes);
    expect(pages[0].metadata.remainingItemCount).toBe(nodes.length - 4);
  });

  it('reads one object by key and answers 404 for a name in another namespace', async () => {
    const pod = (await getJson('/api/v1/pods')).body.items[0];
    const one = await getJson(`/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`);
    expect(one.body).toEqual(pod);
    const elsewhere = await getJson(`/api/v1/namespaces/default/pods/${pod.metadata.name}`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.message).toBe(`pods "${pod.metadata.name}" not found`);
    const lease = await getJson('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/extra-0');
    expect(lease.body.spec.holderIdentity).toBe('extra-0');
  });
});

describe('list query parameters parsed strictly', () => {
  it.each([
    ['limit=abc', 'strconv.ParseInt: parsing "abc": invalid syntax'],
    ['limit=', 'strconv.ParseInt: parsing "": invalid syntax'],
    ['limit=1.5', 'strconv.ParseInt: parsing "1.5": invalid syntax'],
    ['limit=99999999999999999999', 'strconv.ParseInt: parsing "99999999999999999999": value out of range'],
    ['timeoutSeconds=soon', 'strconv.ParseInt: parsing "soon": invalid syntax'],
    ['watch=1&timeoutSeconds=x', 'strconv.ParseInt: parsing "x": invalid syntax'],
    [
      'resourceVersion=abc',
      'invalid resource version: resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
    ],
  ])('answers %s 400 BadRequest: %s, changing nothing', async (q, message) => {
    const before = stateJson();
    const { status, body } = await getJson(`/api/v1/pods?${q}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'BadRequest',
      message,
      code: 400,
    });
    expect(stateJson()).toBe(before);
  });

  it('answers resourceVersionMatch without resourceVersion 422 as ValidateListOptions does', async () => {
    const { status, body } = await getJson('/api/v1/pods?resourceVersionMatch=NotOlderThan');
    expect(status).toBe(422);
    expect(body.message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    );
  });

  it('takes a negative limit as no limit, as upstream pages only for a positive one', async () => {
    const all = (await getJson('/api/v1/pods')).body.items;
    const { status, body } = await getJson('/api/v1/pods?limit=-1');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(all.length);
    expect(body.metadata.continue).toBeUndefined();
  });
});
