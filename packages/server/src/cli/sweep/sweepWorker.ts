// A worker of `daemonsim sweep`'s pool (tinypool calls the default export once per task).
import { isMainThread } from 'node:worker_threads';
import type { SweepTask, SweepTaskResult } from './sweepTask.js';
import { runSweepTask } from './sweepTask.js';

/** Runs one task; a child process adds its CPU time so far, which the parent cannot read. */
export default function runWorkerTask(task: SweepTask): SweepTaskResult {
  const line = runSweepTask(task);
  if (!isMainThread) return { line };
  const cpu = process.cpuUsage();
  return { line, cpu: { pid: process.pid, micros: cpu.user + cpu.system } };
}
