// Refreshes the README's screenshot of the view (screenshot-eks-walkthrough.png) from the
// current source: `pnpm --filter @daemonsim/ui screenshot` builds the page, opens it from disk
// in headless Chromium (Debian's, or CHROMIUM) with the network off, and shows the EKS
// walkthrough with kube-system/aws-node's counters, the cursor at the end of its history, and
// the second node clicked: its actions and why aws-node runs there.
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
execFileSync(process.execPath, [`${root}scripts/build.mjs`], { stdio: 'inherit' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${pathToFileURL(`${root}dist/index.html`).href}?scenario=eks-walkthrough`);
  await page.waitForFunction(() => window.daemonsimPage !== undefined);
  await page.selectOption('#daemonset', 'kube-system/aws-node');
  const layout = await page.evaluate(() => window.daemonsimPage.layout());
  await page.click('#lanes', { position: { x: layout.labelWidth + 20, y: 1.5 * layout.laneHeight } });
  if (errors.length > 0) throw new Error(`the view logged errors: ${errors.join('; ')}`);
  const path = `${root}screenshot-eks-walkthrough.png`;
  await page.screenshot({ path });
  process.stdout.write(`wrote ${path}\n`);
} finally {
  await browser.close();
}
