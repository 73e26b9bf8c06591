// `pnpm lesson 6`: prints the transcript of lesson 6, deleting a DaemonSet.
import { lesson } from './lesson.js';

process.stdout.write(lesson().output);
