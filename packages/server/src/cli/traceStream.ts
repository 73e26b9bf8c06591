import { closeSync, openSync, writeSync } from 'node:fs';
import type { TraceEntry } from '@daemonsim/core';
import { formatTraceEntry } from '@daemonsim/core';

/** Text is handed to the writer in chunks of about this many characters, not a line at a time. */
const CHUNK = 1 << 16;

/**
 * Where `daemonsim run` sends its trace as the simulation records it, so that a run keeps no trace
 * in memory (`RUN_DEFAULTS` has `trace: false`) and a long run's memory stays flat: stable text
 * lines (the golden-file format) to `text`, and one JSON object per line to `ndjsonFile`.
 * Upstream has no counterpart.
 */
export class TraceStream {
  private text = '';
  private ndjson = '';
  private readonly fd: number | undefined;
  /** Entries seen so far. */
  entries = 0;

  constructor(
    private readonly write: ((text: string) => void) | undefined,
    ndjsonFile?: string,
  ) {
    this.fd = ndjsonFile === undefined ? undefined : openSync(ndjsonFile, 'w');
  }

  /** The simulation's `traceSink`. */
  readonly sink = (entry: TraceEntry): void => {
    this.entries++;
    if (this.write !== undefined) {
      this.text += `${formatTraceEntry(entry)}\n`;
      if (this.text.length >= CHUNK) this.flush();
    }
    if (this.fd !== undefined) {
      this.ndjson += `${JSON.stringify(entry)}\n`;
      if (this.ndjson.length >= CHUNK) this.flush();
    }
  };

  /** Writes out what is buffered. */
  flush(): void {
    if (this.text !== '') {
      this.write?.(this.text);
      this.text = '';
    }
    if (this.ndjson !== '' && this.fd !== undefined) {
      writeSync(this.fd, this.ndjson);
      this.ndjson = '';
    }
  }

  /** Flushes and closes the NDJSON file. */
  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
  }
}
