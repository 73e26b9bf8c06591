// `pnpm demo`: prints the EKS walkthrough's kubectl transcript.
import { walkthrough } from './walkthrough.js';

process.stdout.write(walkthrough());
