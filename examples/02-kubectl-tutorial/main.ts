// `pnpm lesson 2` (or `pnpm tsx --conditions=@daemonsim/source examples/02-kubectl-tutorial/main.ts`): the tutorial with real kubectl.
import { tutorial } from './tutorial.js';

process.stdout.write(await tutorial());
