// `pnpm lesson 3`: prints the transcript of lesson 3, all or some nodes.
import { lesson } from './lesson.js';

process.stdout.write(lesson().output);
