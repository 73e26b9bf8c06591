// Copies the built browser view (@daemonsim/ui's dist) into dist/view/, where `daemonsim serve`
// serves it at /ui/, so an installed @daemonsim/server carries the view without depending on
// the private @daemonsim/ui package at run time.
import { cpSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../../ui/dist/', import.meta.url));
const to = fileURLToPath(new URL('../dist/view/', import.meta.url));
if (!existsSync(`${from}index.html`)) {
  console.error(
    `${from}index.html is missing: build @daemonsim/ui first (pnpm build builds it before this package)`,
  );
  process.exit(1);
}
cpSync(from, to, { recursive: true, filter: (path) => !path.endsWith('.map') });
