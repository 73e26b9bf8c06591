// A worker thread of `daemonsim sweep`'s pool (tinypool calls the default export once per task).
import { runSweepTask } from './sweepTask.js';

export default runSweepTask;
