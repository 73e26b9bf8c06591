// `pnpm lesson 3`: prints the transcript of lesson 5, node failure.
import { lesson } from './lesson.js';

process.stdout.write(lesson().output);
