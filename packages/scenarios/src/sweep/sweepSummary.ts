import type { RunFigures } from './runFigures.js';
import type { SweepRecord } from './sweepRecord.js';
import { formatSweepValue } from './sweepVariant.js';

/** The figures the summary gives percentiles of, in its rows' order. */
const SUMMARY_FIGURES: readonly (keyof RunFigures)[] = [
  'timeToConvergeMs',
  'maxUnavailableDuringRollout',
  'unconverged',
  'podsCreated',
  'podsDeleted',
  'events',
  'kubeEvents',
];

const PERCENTILES = [50, 90, 99] as const;

/**
 * The nearest-rank `p`th percentile of ascending `sorted` values: the smallest value with at
 * least p % of the values at or below it (so always a value that occurred).
 */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Quotes a word for a POSIX shell when it holds anything but plain characters. */
function shellWord(word: string): string {
  return /^[\w./:=%,@+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command that replays one run of a sweep: the same target, seed and variant values. */
export function replayCommand(record: Pick<SweepRecord, 'scenario' | 'seed' | 'variant' | 'vary'>): string {
  const vary = Object.entries(record.vary).flatMap(([path, value]) => [
    '--vary',
    shellWord(`${path}=${formatSweepValue(value)}`),
  ]);
  const variant = record.variant === 0 ? [] : ['--variant', String(record.variant)];
  return [
    'daemonsim sweep replay',
    shellWord(record.scenario),
    '--seed',
    String(record.seed),
    ...variant,
    ...vary,
  ].join(' ');
}

/** Rows of cells (the first a header) as columns two spaces apart; columns of numbers align right. */
function columns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const numeric = rows[0]!.map((_, c) => rows.slice(1).every((r) => /^[\d.%-]+$/.test(r[c]!)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const count = (records: readonly SweepRecord[], outcome: SweepRecord['outcome']): number =>
  records.filter((r) => r.outcome === outcome).length;

/** One variant's table: runs and pass rate, then each figure's percentiles over the runs that measured it. */
function variantTable(records: readonly SweepRecord[]): string {
  const pass = count(records, 'pass');
  const head = columns([
    ['runs', 'pass', 'fail', 'error', 'pass rate'],
    [
      String(records.length),
      String(pass),
      String(count(records, 'fail')),
      String(count(records, 'error')),
      `${((100 * pass) / records.length).toFixed(1)}%`,
    ],
  ]);
  const rows: string[][] = [['figure', 'runs', ...PERCENTILES.map((p) => `p${p}`), 'max']];
  for (const name of SUMMARY_FIGURES) {
    const values = records
      .map((r) => r.figures[name])
      .filter((v): v is number => typeof v === 'number')
      .sort((a, b) => a - b);
    rows.push([
      name,
      String(values.length),
      ...(values.length === 0
        ? [...PERCENTILES.map(() => '-'), '-']
        : [...PERCENTILES.map((p) => String(percentile(values, p))), String(values[values.length - 1])]),
    ]);
  }
  return `${head}\n\n${columns(rows)}`;
}

/** What went wrong in a run, on one line: the error, the first failed expect, or the first violation. */
function firstProblem(r: SweepRecord): string {
  if (r.error !== null) return r.error.split('\n')[0]!;
  const expect = r.failedExpects[0];
  if (expect !== undefined) return `steps[${expect.step}] (expect): ${expect.failures[0] ?? ''}`;
  return r.violations[0] ?? '';
}

/**
 * The text of `daemonsim sweep merge`: for each scenario and variant (in the lines' order) a
 * table of the pass rate and the figures' percentiles (nearest rank), then every failure with
 * the command that replays it and, for a property, its shrunk counterexample; at most
 * `maxFailures` failures are listed in full. Upstream has no counterpart.
 */
export function sweepSummary(
  records: readonly SweepRecord[],
  options: { maxFailures?: number } = {},
): string {
  const groups = new Map<string, SweepRecord[]>();
  for (const r of records) {
    const key = JSON.stringify([r.scenario, r.variant]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: string[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const vary = Object.entries(first.vary).map(([p, v]) => `${p}=${formatSweepValue(v)}`);
    const seeds = group.map((r) => r.seed);
    out.push(
      `== ${first.scenario} variant ${first.variant}${vary.length === 0 ? '' : `: ${vary.join(' ')}`} ` +
        `(seeds ${Math.min(...seeds)}..${Math.max(...seeds)})`,
      variantTable(group),
      '',
    );
  }
  const failures = records.filter((r) => r.outcome !== 'pass');
  const max = options.maxFailures ?? 50;
  out.push(`failures: ${failures.length} of ${records.length} runs`);
  for (const r of failures.slice(0, max)) {
    out.push(`- ${r.scenario} variant ${r.variant} seed ${r.seed}: ${r.outcome}: ${firstProblem(r)}`);
    out.push(`  replay: ${replayCommand(r)}`);
    if (r.counterexample !== undefined) {
      out.push(`  shrunk counterexample: ${JSON.stringify(r.counterexample.value)}`);
      for (const v of r.counterexample.violations) out.push(`    ${v}`);
    }
  }
  if (failures.length > max) out.push(`... and ${failures.length - max} more (--max-failures)`);
  return `${out.join('\n')}\n`;
}
