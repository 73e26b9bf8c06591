// The view in a real browser: Debian's Chromium driven by playwright-core, the static build
// opened from disk (no server), screenshots saved under test-artifacts/ (gitignored).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DaemonSet } from '@daemonsim/core';
import { eksWalkthrough, parseScenario, runScenario } from '@daemonsim/scenarios';
import type { Browser, Page as BrowserPage } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../src/page.js';
import { SCENARIO_CATALOG } from '../src/scenarioCatalog.js';

declare global {
  interface Window {
    daemonsimPage?: Page;
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));
const artifacts = `${root}test-artifacts`;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
let browser: Browser;

function pageUrl(query: string): string {
  return `${pathToFileURL(`${root}dist/index.html`).href}?${query}`;
}

/** The built page opened from disk in a context with the network off (`offline`: requests fail). */
async function open(query: string): Promise<{ page: BrowserPage; errors: string[]; requests: string[] }> {
  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 800 } });
  const page = await context.newPage();
  // Closing the page closes its context; the browser may be closing it already.
  page.on('close', () => void context.close().catch(() => undefined));
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pageUrl(query));
  await page.waitForFunction(() => window.daemonsimPage !== undefined);
  return { page, errors, requests };
}

beforeAll(async () => {
  execFileSync(process.execPath, [`${root}scripts/build.mjs`]);
  mkdirSync(artifacts, { recursive: true });
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
});

describe('the view in Chromium', () => {
  it('runs the walkthrough from disk with the network off: no server, no console errors and one lane per node', async () => {
    const { page, errors, requests } = await open('scenario=eks-walkthrough');
    // The network really is off: the page cannot reach a server that answers on this machine.
    const server = createServer((_, res) => res.end('reachable'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    expect((await fetch(address)).ok).toBe(true);
    const fromPage = await page.evaluate(
      (url) =>
        fetch(url, { mode: 'no-cors' }).then(
          () => 'fetched',
          () => 'failed',
        ),
      address,
    );
    server.close();
    expect(fromPage).toBe('failed');
    const expected = runScenario(eksWalkthrough);
    const nodes = new Set<string>();
    for (const e of expected.trace) if (e.entry === 'write' && e.kind === 'Node') nodes.add(e.key);
    const shown = await page.evaluate(() => ({
      names: window.daemonsimPage!.model.nodeNames(),
      drawn: window.daemonsimPage!.lanesDrawn,
    }));
    expect(shown.names).toEqual([...nodes].sort());
    expect(shown.drawn).toBe(nodes.size);
    // Playing past the recorded history, the page's own simulation moves the clock on.
    await page.selectOption('#speed', '600');
    await page.click('#play');
    await page.waitForFunction(
      (end) => window.daemonsimPage!.model.now > end + 60_000,
      expected.simulation.now,
    );
    await page.click('#play');
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([address]);
    expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await page.screenshot({ path: `${artifacts}/eks-walkthrough.png` });
    await page.close();
  });

  it('shows the counters kubectl get ds shows at the same simulated time', async () => {
    const { page } = await open('scenario=eks-walkthrough');
    const expected = runScenario(eksWalkthrough).snapshot;
    for (const key of ['kube-system/aws-node']) {
      await page.selectOption('#daemonset', key);
      const text = await page.textContent('#counters');
      const s = (expected.daemonSets.get(key) as DaemonSet).status;
      expect(text).toBe(
        `${key} desired ${s.desiredNumberScheduled} current ${s.currentNumberScheduled} ready ${s.numberReady} up-to-date ${s.updatedNumberScheduled} available ${s.numberAvailable}`,
      );
    }
    await page.close();
  });

  it('fails and removes a node from the page; its daemon pod goes and PodGC collects it', async () => {
    const { page, errors } = await open('scenario=node-monitoring-agent');
    // The first node that runs a daemon pod (the control plane's taint keeps it off the first lane).
    const { target, lane } = await page.evaluate(() => {
      const p = window.daemonsimPage!;
      const names = p.model.nodeNames();
      const index = names.findIndex((n) => p.lanes.podsOn(n).some((pod) => pod.deletedAt === undefined));
      return { target: names[index]!, lane: index };
    });
    const layout = await page.evaluate(() => window.daemonsimPage!.layout());
    await page.click('#lanes', {
      position: { x: layout.labelWidth + 20, y: (lane + 0.5) * layout.laneHeight },
    });
    expect(await page.textContent('#node-name')).toBe(target);
    expect(await page.textContent('#why')).toContain('Should Run:               true');
    await page.click('button[data-action="fail"]');
    await page.click('button[data-action="remove"]');
    await page.selectOption('#speed', '600');
    await page.click('#play');
    await page.waitForFunction(
      (node) =>
        window
          .daemonsimPage!.model.timeline.pods.filter((p) => p.node === node)
          .every((p) => p.deletedAt !== undefined),
      target,
    );
    await page.click('#play');
    const collectedBy = await page.evaluate((node) => {
      const pods = window.daemonsimPage!.model.timeline.pods.filter((p) => p.node === node).map((p) => p.key);
      return window
        .daemonsimPage!.model.simulation.trace.filter(
          (e) => e.entry === 'write' && e.kind === 'Pod' && e.verb === 'delete' && pods.includes(e.key),
        )
        .map((e) => (e.entry === 'write' ? e.by : ''));
    }, target);
    expect(collectedBy.length).toBeGreaterThan(0);
    expect(collectedBy.every((by) => by === 'pod-garbage-collector')).toBe(true);
    expect(await page.textContent('#why')).toContain('is not in the cluster');
    expect(errors).toEqual([]);
    await page.screenshot({ path: `${artifacts}/node-removed.png` });
    await page.close();
  });

  it('shows a past state when the slider moves back', async () => {
    const { page } = await open('scenario=eks-walkthrough');
    const now = await page.evaluate(() => window.daemonsimPage!.model.now);
    await page.$eval('#slider', (el) => {
      const input = el as HTMLInputElement;
      input.value = '1';
      input.dispatchEvent(new Event('input'));
    });
    expect(await page.textContent('#clock')).toBe('00:00:00.001');
    // One millisecond in, the pods exist but none is ready yet; at the end two are.
    await page.selectOption('#daemonset', 'kube-system/aws-node');
    expect(await page.textContent('#counters')).toMatch(/ ready 0 /);
    expect(await page.evaluate(() => window.daemonsimPage!.cursor)).toBe(1);
    await page.$eval('#slider', (el) => {
      const input = el as HTMLInputElement;
      input.value = input.max;
      input.dispatchEvent(new Event('input'));
    });
    expect(await page.evaluate(() => window.daemonsimPage!.cursor)).toBe(now);
    expect(await page.textContent('#counters')).toMatch(/ ready 2 /);
    await page.close();
  });

  it('walks every lesson from its menu: each opens with no console errors and one lane per node of its cluster', async () => {
    const examples = new URL('../../../examples/', import.meta.url);
    const lessons = readdirSync(examples)
      .filter((d) => /^\d\d-/.test(d))
      .sort();
    // Lesson 1 is the library's EKS walkthrough; every other lesson is its lesson.yaml.
    const scenarioOf = (name: string) =>
      name === '01-eks-walkthrough'
        ? eksWalkthrough
        : parseScenario(readFileSync(new URL(`${name}/lesson.yaml`, examples), 'utf8'));
    const { page, errors } = await open('scenario=eks-walkthrough');
    const offered = await page.$$eval('#scenario optgroup[label="lessons"] option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(offered).toEqual(lessons);
    for (const name of lessons) {
      errors.length = 0;
      // Picking a lesson in the menu loads the page on it.
      await page.click('#scenario');
      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('scenario') === name),
        page.selectOption('#scenario', name),
      ]);
      await page.waitForFunction(() => window.daemonsimPage !== undefined);
      const nodes = [
        ...new Set(
          runScenario(scenarioOf(name)).trace.flatMap((e) =>
            e.entry === 'write' && e.kind === 'Node' ? [e.key] : [],
          ),
        ),
      ].sort();
      const shown = await page.evaluate(() => ({
        selected: (document.getElementById('scenario') as HTMLSelectElement).value,
        names: window.daemonsimPage!.model.nodeNames(),
        drawn: window.daemonsimPage!.lanesDrawn,
      }));
      expect(nodes.length, name).toBeGreaterThan(0);
      expect(shown, name).toEqual({ selected: name, names: nodes, drawn: nodes.length });
      expect(errors, name).toEqual([]);
      await page.screenshot({ path: `${artifacts}/lesson-${name}.png` });
    }
    await page.close();
  });

  it('draws the informer lanes for an informer-model scenario: writes arrowed to the cache, some in flight', async () => {
    const { page, errors } = await open('scenario=informer-without-expectations');
    await page.$eval('#slider', (el) => {
      const input = el as HTMLInputElement;
      input.value = '1300';
      input.dispatchEvent(new Event('input'));
    });
    const frame = await page.evaluate(() => window.daemonsimPage!.informerFrame);
    expect(frame?.lanes).toContain('daemonset-controller');
    expect(frame?.lanes.at(-1)).toBe("controllers' cache");
    expect(frame?.arrows).toBeGreaterThan(0);
    // 1.3 s in, the six creates of 1.066 s are still on their way to the cache.
    expect(frame?.inFlight).toBeGreaterThan(0);
    expect(await page.isVisible('#informer')).toBe(true);
    expect(errors).toEqual([]);
    await page.screenshot({ path: `${artifacts}/informer-lanes.png` });
    await page.close();
  });

  it('shows no informer lanes under instant observation', async () => {
    const { page } = await open('scenario=eks-walkthrough');
    expect(await page.evaluate(() => window.daemonsimPage!.informerFrame)).toBeUndefined();
    expect(await page.isVisible('#informer')).toBe(false);
    await page.close();
  });

  it('saves a screenshot of every scenario the page offers', async () => {
    for (const name of Object.keys(SCENARIO_CATALOG)) {
      const { page, errors } = await open(`scenario=${name}`);
      expect(errors).toEqual([]);
      await page.screenshot({ path: `${artifacts}/${name}.png` });
      await page.close();
    }
  });
});
