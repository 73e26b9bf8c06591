/** A bound a figure must keep. */
export interface Target {
  readonly op: '<=' | '>=';
  readonly value: number;
}

/** One figure of the report: its JSON name, value (null when it could not be computed), unit, target, meaning. */
export interface Figure {
  readonly name: string;
  readonly value: number | null;
  readonly unit: string;
  readonly target?: Target;
  /** What was measured, at which sizes, and why a value is null. */
  readonly note: string;
  /** Not run in this invocation (`--only`): neither met nor missed. */
  readonly skipped?: boolean;
}

/** How a figure fares: `info` has no target; `null` could not be computed; `skipped` was not run. */
export type Verdict = 'met' | 'missed' | 'null' | 'info' | 'skipped';

/** A figure's verdict; a non-finite value counts as null. */
export function verdict(figure: Figure): Verdict {
  if (figure.skipped === true) return 'skipped';
  const v = figure.value;
  if (v === null || !Number.isFinite(v)) return 'null';
  if (figure.target === undefined) return 'info';
  const ok = figure.target.op === '<=' ? v <= figure.target.value : v >= figure.target.value;
  return ok ? 'met' : 'missed';
}

/** The process exit code: 1 when any figure missed its target or is null (skipped ones aside), else 0. */
export function exitCode(figures: readonly Figure[]): number {
  return figures.some((f) => verdict(f) === 'missed' || verdict(f) === 'null') ? 1 : 0;
}

/** A number for the table: thousands separated, at most 3 significant decimals. */
function show(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'null';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : Math.abs(v) >= 1 ? 2 : 3;
  return v.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** The human table: every figure with its value, target and verdict, then what it means. */
export function reportTable(figures: readonly Figure[]): string {
  const rows = [
    ['figure', 'value', 'unit', 'target', 'verdict'],
    ...figures.map((f) => [
      f.name,
      show(f.value),
      f.unit,
      f.target === undefined ? '' : `${f.target.op} ${f.target.value.toLocaleString('en-US')}`,
      verdict(f).toUpperCase(),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) =>
    r
      .map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.push('', ...figures.map((f) => `${f.name}: ${f.note}`));
  return lines.join('\n');
}

/** Rounds to `digits` decimals, keeping null for non-finite values (JSON has no NaN). */
export function round(v: number | null | undefined, digits: number): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/**
 * The report's last line: one JSON object with every figure by name, the targets and verdicts,
 * and the phases' details.
 */
export function summaryJson(figures: readonly Figure[], extra: Readonly<Record<string, unknown>>): string {
  const out: Record<string, unknown> = {};
  for (const f of figures) out[f.name] = f.skipped === true ? null : round(f.value, 4);
  out.targets = Object.fromEntries(
    figures.filter((f) => f.target !== undefined).map((f) => [f.name, `${f.target!.op} ${f.target!.value}`]),
  );
  out.verdicts = Object.fromEntries(figures.map((f) => [f.name, verdict(f)]));
  out.pass = exitCode(figures) === 0;
  return JSON.stringify({ ...out, ...extra });
}
