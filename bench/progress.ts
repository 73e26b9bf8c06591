import { performance } from 'node:perf_hooks';

/**
 * A progress line on stderr for long phases, so a slow engine is visibly slow rather than hung:
 * rewritten in place on a terminal (at most 4 times a second), one line every 10 s otherwise
 * (logs of CI and of other helpers' runs). stdout stays the report alone.
 */
export class Progress {
  private readonly started = performance.now();
  /** The first line comes only once a phase has run for a while. */
  private last = this.started;
  private shown = false;
  private readonly tty = process.stderr.isTTY === true;
  private readonly every = this.tty ? 250 : 10_000;

  constructor(private readonly phase: string) {}

  /** Shows `detail` if the last line is old enough; `detail` is only computed then. */
  update(detail: () => string): void {
    const now = performance.now();
    if (now - this.last < this.every) return;
    this.last = now;
    const line = `[bench] ${this.phase} ${((now - this.started) / 1000).toFixed(0)}s: ${detail()}`;
    if (this.tty) process.stderr.write(`\r\x1b[K${line}`);
    else process.stderr.write(`${line}\n`);
    this.shown = true;
  }

  /** Ends the progress line (a terminal's line is cleared). */
  done(): void {
    if (this.tty && this.shown) process.stderr.write('\r\x1b[K');
  }
}
