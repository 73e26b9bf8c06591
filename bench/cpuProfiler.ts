import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * With `BENCH_CPU_PROFILE=<dir>`, each phase is profiled on its own into `<dir>/<phase>.cpuprofile`
 * (open in Chrome DevTools, or summarise with `tsx bench/profileSummary.ts`); without it, phases run
 * unprofiled. Profiles are how hot spots are found; the sampling costs a few percent.
 */
export class CpuProfiler {
  private session: Session | undefined;

  constructor(private readonly dir: string | undefined) {}

  async start(): Promise<void> {
    if (this.dir === undefined) return;
    mkdirSync(this.dir, { recursive: true });
    this.session = new Session();
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.setSamplingInterval', { interval: 200 });
  }

  /** Runs `fn`, profiled as `name` when profiling is on. */
  async profiled<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    const session = this.session;
    if (session === undefined || this.dir === undefined) return fn();
    await session.post('Profiler.start');
    try {
      return await fn();
    } finally {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(this.dir, `${name}.cpuprofile`), JSON.stringify(profile));
    }
  }
}
