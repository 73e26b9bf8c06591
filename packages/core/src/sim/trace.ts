import type { SimTime } from '../model/time.js';
import { formatSimTime } from '../model/time.js';

/** A processed simulator event. */
export interface TraceEventEntry {
  readonly entry: 'event';
  readonly at: SimTime;
  readonly seq: number;
  readonly type: string;
  readonly detail: string;
}

/** One write to the store, attributed to the component that asked for it. */
export interface TraceWriteEntry {
  readonly entry: 'write';
  readonly at: SimTime;
  readonly verb: 'create' | 'update' | 'delete' | 'status' | 'bind' | 'record';
  readonly kind: string;
  readonly key: string;
  readonly by: string;
  readonly detail: string;
}

/** An event the API server refused; nothing was written. */
export interface TraceRejectedEntry {
  readonly entry: 'rejected';
  readonly at: SimTime;
  readonly type: string;
  readonly message: string;
}

/**
 * One line of the simulation's trace: every processed event and every write, in order.
 * Upstream has no counterpart; it plays the part of the audit log and controller logs.
 */
export type TraceEntry = TraceEventEntry | TraceWriteEntry | TraceRejectedEntry;

const VERB_SIGIL: Record<TraceWriteEntry['verb'], string> = {
  create: '+',
  update: '~',
  delete: '-',
  status: '~',
  bind: '>',
  record: '!',
};

/** Renders one trace entry as a stable line of text, the format of golden trace files. */
export function formatTraceEntry(e: TraceEntry): string {
  switch (e.entry) {
    case 'event':
      return `${formatSimTime(e.at)} ${e.type}${e.detail === '' ? '' : ` ${e.detail}`}`;
    case 'write':
      return `  ${VERB_SIGIL[e.verb]} ${e.verb} ${e.kind} ${e.key} [${e.by}]${e.detail === '' ? '' : ` ${e.detail}`}`;
    case 'rejected':
      return `  x rejected ${e.type}: ${e.message}`;
  }
}

/** Renders a whole trace as text, one entry per line. */
export function formatTrace(entries: Iterable<TraceEntry>): string {
  let out = '';
  for (const e of entries) out += `${formatTraceEntry(e)}\n`;
  return out;
}
