// Bundles the view into dist/: one classic script (a page opened from disk cannot load ES
// modules), its stylesheet with uPlot's, and index.html; nothing is fetched at run time.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
mkdirSync(`${root}dist`, { recursive: true });
await build({
  entryPoints: [`${root}src/main.ts`],
  outfile: `${root}dist/daemonsim-ui.js`,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  conditions: ['@daemonsim/source'],
  logLevel: 'warning',
});
const uplotCss = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
writeFileSync(`${root}dist/daemonsim-ui.css`, uplotCss + readFileSync(`${root}src/page.css`, 'utf8'));
copyFileSync(`${root}src/index.html`, `${root}dist/index.html`);
