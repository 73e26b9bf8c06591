// `pnpm lesson 4`: prints the transcript of lesson 4, taints and tolerations.
import { lesson } from './lesson.js';

process.stdout.write(lesson().output);
