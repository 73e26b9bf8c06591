// `pnpm lesson 7`: prints the transcript of lesson 7, a crash loop.
import { lesson } from './lesson.js';

process.stdout.write(lesson().output);
