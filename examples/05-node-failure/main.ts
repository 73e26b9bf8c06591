// `pnpm lesson 5`: prints the transcript of lesson 5, node failure.
import { lesson } from './lesson.js';

process.stdout.write(lesson().output);
