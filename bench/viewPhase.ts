import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** What the view phase measured: the browser view's frame rate while it plays a large cluster. */
export type ViewRun =
  | {
      readonly skipped: false;
      readonly nodes: number;
      /** Frames the page drew per wall second while playing (its own counter over `performance.now()`). */
      readonly fps: number;
      readonly frames: number;
      readonly seconds: number;
      /** Lanes the last frame drew: only those in view are. */
      readonly lanesInView: number;
      /** Wall seconds from navigation until the page had built and converged the cluster. */
      readonly loadSeconds: number;
      /** The simulated time the page had reached when the measurement ended, in ms. */
      readonly simulatedMs: number;
    }
  | { readonly skipped: true; readonly reason: string };

/** The page the phase opens: the ui package's static build, from disk. */
const UI = fileURLToPath(new URL('../packages/ui/', import.meta.url));

interface MeasuredPage {
  daemonsimPage?: {
    frames: number;
    lanesDrawn: number;
    model: { now: number; nodeNames(): string[] };
  };
}

/**
 * The view at `nodes` nodes in headless Chromium (Debian's, or `CHROMIUM`) driven by
 * playwright-core: builds the static page, opens `dist/index.html?nodes=N` from disk at
 * 1400x900, presses play at 10x and counts the frames the page draws over `seconds` of wall
 * time. Skipped, with the reason, when Chromium is not installed.
 */
export async function viewPhase(nodes: number, seconds: number): Promise<ViewRun> {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    return {
      skipped: true,
      reason: `${executablePath} is missing (apt-get install -y chromium, or set CHROMIUM)`,
    };
  // The page must be the current source's: build.mjs bundles it in a second or two.
  execFileSync(process.execPath, [`${UI}scripts/build.mjs`], { stdio: 'inherit' });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const started = Date.now();
    await page.goto(`${pathToFileURL(`${UI}dist/index.html`).href}?nodes=${nodes}`, { timeout: 600_000 });
    await page.waitForFunction(
      () => (window as unknown as MeasuredPage).daemonsimPage !== undefined,
      undefined,
      { timeout: 600_000 },
    );
    const loadSeconds = (Date.now() - started) / 1000;
    const lanes = await page.evaluate(
      () => (window as unknown as MeasuredPage).daemonsimPage!.model.nodeNames().length,
    );
    if (lanes !== nodes) throw new Error(`the view shows ${lanes} lanes for ${nodes} nodes`);
    await page.selectOption('#speed', '10');
    await page.click('#play');
    const before = await page.evaluate(() => ({
      frames: (window as unknown as MeasuredPage).daemonsimPage!.frames,
      t: performance.now(),
    }));
    await page.waitForTimeout(seconds * 1000);
    const after = await page.evaluate(() => {
      const p = (window as unknown as MeasuredPage).daemonsimPage!;
      return { frames: p.frames, t: performance.now(), drawn: p.lanesDrawn, now: p.model.now };
    });
    if (errors.length > 0) throw new Error(`the view failed while playing: ${errors.join('; ')}`);
    const frames = after.frames - before.frames;
    const measuredSeconds = (after.t - before.t) / 1000;
    return {
      skipped: false,
      nodes: lanes,
      fps: frames / measuredSeconds,
      frames,
      seconds: measuredSeconds,
      lanesInView: after.drawn,
      loadSeconds,
      simulatedMs: after.now,
    };
  } finally {
    await browser.close();
  }
}
