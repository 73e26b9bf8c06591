// `pnpm lesson N`: prints the transcript of lesson N (examples/NN-topic/main.ts).
import { readdirSync } from 'node:fs';

const lessons = readdirSync(new URL('.', import.meta.url))
  .filter((d) => /^\d\d-/.test(d))
  .sort();
const wanted = (process.argv[2] ?? '').padStart(2, '0');
const dir = lessons.find((d) => d.startsWith(`${wanted}-`));
if (dir === undefined) {
  process.stderr.write(`usage: pnpm lesson N, with N one of:\n${lessons.map((d) => `  ${d}\n`).join('')}`);
  process.exit(2);
}
await import(`./${dir}/main.ts`);
