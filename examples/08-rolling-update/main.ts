// `pnpm lesson 8`: prints the transcript of lesson 8, rolling update and rollback.
import { lesson } from './lesson.js';

process.stdout.write(lesson().output);
