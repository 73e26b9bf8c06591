// `pnpm lesson 9`: prints the transcript of lesson 9, informer lag and why expectations exist.
import { lesson } from './lesson.js';

process.stdout.write(lesson());
