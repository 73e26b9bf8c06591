// Frames per second of the view while playing a cluster of NODES nodes (default 5,000) in
// Chromium: `pnpm --filter @daemonsim/ui fps [NODES]` after `pnpm --filter @daemonsim/ui build`.
import { pathToFileURL, fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const nodes = Number(process.argv[2] ?? 5000);
const seconds = 5;
const root = fileURLToPath(new URL('..', import.meta.url));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const started = Date.now();
await page.goto(`${pathToFileURL(`${root}dist/index.html`).href}?nodes=${nodes}`, { timeout: 600_000 });
await page.waitForFunction(() => window.daemonsimPage !== undefined, undefined, { timeout: 600_000 });
const loadSeconds = (Date.now() - started) / 1000;
const lanes = await page.evaluate(() => window.daemonsimPage.model.nodeNames().length);
await page.selectOption('#speed', '10');
await page.click('#play');
const before = await page.evaluate(() => ({ frames: window.daemonsimPage.frames, t: performance.now() }));
await page.waitForTimeout(seconds * 1000);
const after = await page.evaluate(() => ({
  frames: window.daemonsimPage.frames,
  t: performance.now(),
  drawn: window.daemonsimPage.lanesDrawn,
  now: window.daemonsimPage.model.now,
}));
await browser.close();
const fps = ((after.frames - before.frames) * 1000) / (after.t - before.t);
console.log(
  JSON.stringify({
    nodes: lanes,
    lanesInView: after.drawn,
    loadSeconds,
    fps: Math.round(fps * 10) / 10,
    simulatedMs: after.now,
  }),
);
