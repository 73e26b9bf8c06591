import { SimulationError } from '@daemonsim/core';
import type { SweepRecord } from './sweepRecord.js';

/** One NDJSON file of a sweep: its name (for errors) and text. */
export interface SweepFile {
  readonly name: string;
  readonly text: string;
}

/** The order of a sweep's lines: by scenario, then variant, then seed, the same in every file and merge. */
export function compareSweepRuns(
  a: Pick<SweepRecord, 'scenario' | 'variant' | 'seed'>,
  b: Pick<SweepRecord, 'scenario' | 'variant' | 'seed'>,
): number {
  if (a.scenario !== b.scenario) return a.scenario < b.scenario ? -1 : 1;
  return a.variant - b.variant || a.seed - b.seed;
}

function bad(where: string, rule: string): SimulationError {
  return new SimulationError('BadRequest', `${where}: ${rule}`, { path: where });
}

/** Reads one line as a record, checking the fields a merge sorts and groups by. */
function parseLine(line: string, where: string): SweepRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw bad(where, `not a JSON line: ${error instanceof Error ? error.message : String(error)}`);
  }
  const r = value as Partial<SweepRecord> | null;
  if (r === null || typeof r !== 'object' || Array.isArray(r)) throw bad(where, 'not a JSON object');
  if (typeof r.scenario !== 'string') throw bad(where, 'scenario: Required value: must be a string');
  for (const field of ['seed', 'variant'] as const)
    if (!Number.isSafeInteger(r[field])) throw bad(where, `${field}: Required value: must be an integer`);
  if (r.outcome !== 'pass' && r.outcome !== 'fail' && r.outcome !== 'error')
    throw bad(where, 'outcome: Unsupported value: must be "pass", "fail" or "error"');
  if (typeof r.figures !== 'object' || r.figures === null) throw bad(where, 'figures: Required value');
  if (typeof r.vary !== 'object' || r.vary === null) throw bad(where, 'vary: Required value');
  return r as SweepRecord;
}

/**
 * Merges the NDJSON files of a sweep's shards (or of separate sweeps) into one sorted list of
 * lines, as one process would have written them: a line found in two files is kept once, and
 * two different lines for one (scenario, variant, seed), or one variant number with two sets
 * of values, are refused as the nondeterminism they are. Upstream has no counterpart.
 */
export function mergeSweepFiles(files: readonly SweepFile[]): { lines: string[]; records: SweepRecord[] } {
  const byRun = new Map<string, { line: string; record: SweepRecord; where: string }>();
  const varyOf = new Map<string, { vary: string; where: string }>();
  for (const file of files) {
    file.text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${file.name}:${i + 1}`;
      const record = parseLine(line, where);
      const key = JSON.stringify([record.scenario, record.variant, record.seed]);
      const seen = byRun.get(key);
      if (seen !== undefined && seen.line !== line)
        throw bad(where, `differs from ${seen.where} for the same scenario, variant and seed`);
      if (seen === undefined) byRun.set(key, { line, record, where });
      const variantKey = JSON.stringify([record.scenario, record.variant]);
      const vary = JSON.stringify(record.vary);
      const other = varyOf.get(variantKey);
      if (other !== undefined && other.vary !== vary)
        throw bad(where, `variant ${record.variant} is ${vary} here but ${other.vary} at ${other.where}`);
      if (other === undefined) varyOf.set(variantKey, { vary, where });
    });
  }
  const runs = [...byRun.values()].sort((a, b) => compareSweepRuns(a.record, b.record));
  return { lines: runs.map((r) => r.line), records: runs.map((r) => r.record) };
}
