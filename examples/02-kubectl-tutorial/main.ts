// `pnpm lesson 2` (or `pnpm tsx --conditions=@daemonsim/source examples/02-kubectl-tutorial/main.ts`): the tutorial with real kubectl.
// `pnpm daemonsim ui 2` opens the same cluster and steps (lesson.yaml) in the browser view.
import { tutorial } from './tutorial.js';

process.stdout.write(await tutorial());
