// The browser view served by the API server at /ui/ and following it: Debian's Chromium driven
// by playwright-core against an HTTPS server with its per-run CA and bearer token.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { fileURLToPath } from 'node:url';
import type { Browser, Page as BrowserPage } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '@daemonsim/scenarios';
import { parseScenario, rollingUpdateMaxSurge, runScenario } from '@daemonsim/scenarios';
import type { ApiServer } from '../../src/apiserver/index.js';
import { defaultClusterScenario, startApiServer } from '../../src/apiserver/index.js';
import { runCli } from '../../src/cli/index.js';
import { recordRequests, startScenario } from '../../src/cli/replayState.js';

interface ViewWindow {
  daemonsimPage?: {
    selectedNode: string | undefined;
    render(): void;
    model: { nodeNames(): string[]; now: number; simulation: { snapshot(): { pods: Map<string, unknown> } } };
  };
}

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
let browser: Browser;
let server: ApiServer;
let requests: readonly RecordedRequest[];

/** One HTTPS request to the server with its token, trusting its CA. */
function call(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = server.token!,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        ca: server.certificateAuthority!,
        agent: false,
        headers: {
          ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
          ...(text === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
      },
      (res) => {
        let answer = '';
        res.on('data', (c: Buffer) => (answer += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: answer }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** The pods of a snapshot as sorted JSON: equal text, equal pods. */
const podsText = (pods: Map<string, unknown>): string =>
  JSON.stringify([...pods].sort(([a], [b]) => (a < b ? -1 : 1)));

/** Opens `url` (the served view by default) in a new page, collecting console errors and uncaught exceptions. */
async function openView(
  url = `${server.url}/ui/?follow=1#token=${server.token!}`,
): Promise<{ page: BrowserPage; errors: string[] }> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1400, height: 800 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as ViewWindow).daemonsimPage !== undefined);
  return { page, errors };
}

beforeAll(async () => {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../../ui/scripts/build.mjs', import.meta.url))]);
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const scenario = defaultClusterScenario();
  const simulation = startScenario(scenario, undefined);
  requests = recordRequests(simulation);
  server = await startApiServer(simulation, { paused: true, replayLog: () => ({ scenario, requests }) });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the view served at /ui/, following its server', () => {
  it('serves the page without a token, but the replay log only with it', async () => {
    const index = await call('GET', '/ui/', undefined, null);
    expect(index.status).toBe(200);
    expect(index.body).toContain('<script src="daemonsim-ui.js">');
    expect((await call('GET', '/ui/daemonsim-ui.js', undefined, null)).status).toBe(200);
    expect((await call('GET', '/ui/%2e%2e%2fkubeconfig', undefined, null)).status).toBe(404);
    expect((await call('GET', '/daemonsim/v1/replay', undefined, null)).status).toBe(401);
    const log = JSON.parse((await call('GET', '/daemonsim/v1/replay?since=0')).body) as { total: number };
    expect(log.total).toBe(requests.length);
    expect((await call('GET', '/daemonsim/v1/replay?since=x')).status).toBe(400);
  });

  it("shows the server's nodes, picks up a node added through the API with its daemon pods, and holds the server's pods byte for byte", async () => {
    const { page, errors } = await openView();
    const view = (): Promise<string[]> =>
      page.evaluate(() => (window as unknown as ViewWindow).daemonsimPage!.model.nodeNames());
    const nodes = [...server.simulation.snapshot().nodes.keys()].sort();
    expect(nodes.length).toBeGreaterThan(0);
    expect(await view()).toEqual(nodes);
    expect(
      (
        await call('POST', '/api/v1/nodes', {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: 'worker-3' },
        })
      ).status,
    ).toBe(201);
    server.advance(30_000);
    await page.waitForFunction(
      (now) => (window as unknown as ViewWindow).daemonsimPage!.model.now === now,
      server.simulation.now,
    );
    expect(await view()).toContain('worker-3');
    const pagePods = await page.evaluate(() =>
      JSON.stringify(
        [...(window as unknown as ViewWindow).daemonsimPage!.model.simulation.snapshot().pods].sort(
          ([a], [b]) => (a < b ? -1 : 1),
        ),
      ),
    );
    expect(pagePods).toBe(podsText(server.simulation.snapshot().pods as Map<string, unknown>));
    expect(pagePods).toContain('"nodeName":"worker-3"');
    expect(errors).toEqual([]);
  });

  it('sends a node failed from the page to the server, as daemonsim node fail would', async () => {
    const { page, errors } = await openView();
    await page.evaluate(() => {
      const view = (window as unknown as ViewWindow).daemonsimPage!;
      view.selectedNode = 'worker-3';
      view.render();
    });
    const before = requests.length;
    await page.click('button[data-action="fail"]');
    await expect.poll(() => requests.length).toBe(before + 1);
    expect(requests.at(-1)!.event).toEqual({ type: 'NodeHeartbeatsStopped', name: 'worker-3' });
    expect(errors).toEqual([]);
  });
});

describe('daemonsim ui', () => {
  it('serves the view and the scenario it names, and the page runs that scenario itself', async () => {
    let release!: () => void;
    const stopped = new Promise<void>((r) => (release = r));
    let stdout = '';
    const running = runCli(['ui', 'rolling-update-max-surge', '--port', '0'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stdout += t),
      stderrIsTTY: false,
      interrupted: () => stopped,
      env: process.env,
    });
    await expect.poll(() => stdout).toContain('daemonsim view at');
    const url = /http:\/\/127\.0\.0\.1:\d+\/\?src=scenario\.yaml/.exec(stdout)![0];
    const yaml = await (await fetch(new URL('/scenario.yaml', url))).text();
    expect(parseScenario(yaml)).toEqual(rollingUpdateMaxSurge);
    expect((await fetch(new URL('/nothing.js', url))).status).toBe(404);
    const { page, errors } = await openView(url);
    const expected = runScenario(rollingUpdateMaxSurge).snapshot;
    const pods = await page.evaluate(() =>
      JSON.stringify(
        [...(window as unknown as ViewWindow).daemonsimPage!.model.simulation.snapshot().pods].sort(
          ([a], [b]) => (a < b ? -1 : 1),
        ),
      ),
    );
    expect(pods).toBe(podsText(expected.pods as Map<string, unknown>));
    expect(errors).toEqual([]);
    release();
    expect(await running).toBe(0);
  });

  it.each(['2', '02-kubectl-tutorial'])(
    'opens lesson 2, the kubectl tutorial, as daemonsim ui %s: its lesson.yaml with the node that joins and leaves',
    async (arg) => {
      let release!: () => void;
      const stopped = new Promise<void>((r) => (release = r));
      let stdout = '';
      const running = runCli(['ui', arg, '--port', '0'], {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stdout += t),
        stderrIsTTY: false,
        interrupted: () => stopped,
        env: process.env,
      });
      await expect.poll(() => stdout).toContain('daemonsim view at');
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?scenario=02-kubectl-tutorial/.exec(stdout)![0];
      const lesson = runScenario(
        parseScenario(
          readFileSync(
            new URL('../../../../examples/02-kubectl-tutorial/lesson.yaml', import.meta.url),
            'utf8',
          ),
        ),
      );
      const everNodes = [
        ...new Set(lesson.trace.flatMap((e) => (e.entry === 'write' && e.kind === 'Node' ? [e.key] : []))),
      ].sort();
      const { page, errors } = await openView(url);
      const shown = await page.evaluate(() => ({
        nodes: (window as unknown as ViewWindow).daemonsimPage!.model.nodeNames(),
        pods: JSON.stringify(
          [...(window as unknown as ViewWindow).daemonsimPage!.model.simulation.snapshot().pods].sort(
            ([a], [b]) => (a < b ? -1 : 1),
          ),
        ),
        selected: (document.getElementById('scenario') as HTMLSelectElement).value,
      }));
      expect(everNodes).toHaveLength(3);
      expect(shown).toEqual({
        nodes: everNodes,
        pods: podsText(lesson.snapshot.pods as Map<string, unknown>),
        selected: '02-kubectl-tutorial',
      });
      expect(errors).toEqual([]);
      release();
      expect(await running).toBe(0);
    },
  );

  it('opens a lesson by its number in the page, with its nodes and no console errors', async () => {
    let release!: () => void;
    const stopped = new Promise<void>((r) => (release = r));
    let stdout = '';
    const running = runCli(['ui', '8', '--port', '0'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stdout += t),
      stderrIsTTY: false,
      interrupted: () => stopped,
      env: process.env,
    });
    await expect.poll(() => stdout).toContain('daemonsim view at');
    const url = /http:\/\/127\.0\.0\.1:\d+\/\?scenario=08-rolling-update/.exec(stdout)![0];
    const { page, errors } = await openView(url);
    const shown = await page.evaluate(() => ({
      nodes: (window as unknown as ViewWindow).daemonsimPage!.model.nodeNames(),
      selected: (document.getElementById('scenario') as HTMLSelectElement).value,
    }));
    expect(shown).toEqual({ nodes: ['worker-1', 'worker-2', 'worker-3'], selected: '08-rolling-update' });
    expect(errors).toEqual([]);
    release();
    expect(await running).toBe(0);
  });
});
