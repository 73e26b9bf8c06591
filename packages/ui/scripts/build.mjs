// Bundles the view into dist/: one classic script (a page opened from disk cannot load ES
// modules), its stylesheet with uPlot's, and index.html; nothing is fetched at run time.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
mkdirSync(`${root}dist`, { recursive: true });
// The repository's lessons (examples/NN-topic/lesson.yaml) go into the bundle so the page opens
// each by name, offline; dist/lessons.json lists them for daemonsim ui. A copy of the package
// without examples/ builds a view without them.
const examples = `${root}../../examples/`;
const lessons = Object.fromEntries(
  (existsSync(examples) ? readdirSync(examples) : [])
    .filter((d) => /^\d\d-/.test(d) && existsSync(`${examples}${d}/lesson.yaml`))
    .sort()
    .map((d) => [d, readFileSync(`${examples}${d}/lesson.yaml`, 'utf8')]),
);
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
  define: { DAEMONSIM_LESSONS: JSON.stringify(lessons) },
  logLevel: 'warning',
});
const uplotCss = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
writeFileSync(`${root}dist/daemonsim-ui.css`, uplotCss + readFileSync(`${root}src/page.css`, 'utf8'));
copyFileSync(`${root}src/index.html`, `${root}dist/index.html`);
writeFileSync(
  `${root}dist/lessons.json`,
  `${JSON.stringify(['01-eks-walkthrough', ...Object.keys(lessons)])}\n`,
);
