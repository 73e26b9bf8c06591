import fc from 'fast-check';
import type { Scenario } from '../scenario.js';
import { stringifyScenario } from '../yaml.js';

/** One scenario file of a counterexample: a file name to commit it under and its YAML. */
export interface CounterexampleFile {
  readonly file: string;
  readonly yaml: string;
}

/**
 * A failing case of a built-in property as files to commit under a regressions folder: the
 * scenario files that reproduce it, the seed, the commands that replay them with
 * `daemonsim run FILE --seed S` (byte-identical traces), and the violations they show.
 */
export interface Counterexample {
  readonly property: string;
  readonly seed: number;
  readonly violations: readonly string[];
  readonly files: readonly CounterexampleFile[];
  readonly replay: readonly string[];
}

/** The scenario name a property's counterexample file carries, and its file name (`<name>.yaml`). */
export function counterexampleFile(
  property: string,
  role: string | undefined,
  scenario: Scenario,
): CounterexampleFile {
  const file = `${property}${role === undefined ? '' : `-${role}`}-seed-${String(scenario.seed)}.yaml`;
  return { file, yaml: stringifyScenario(scenario) };
}

/** A {@link Counterexample} of `property` from its scenario files (all under one seed). */
export function counterexample(
  property: string,
  seed: number,
  violations: readonly string[],
  files: readonly CounterexampleFile[],
): Counterexample {
  return {
    property,
    seed,
    violations,
    files,
    replay: files.map((f) => `daemonsim run ${f.file} --seed ${seed}`),
  };
}

/** A counterexample as a property failure prints it: violations, then each file and its replay command. */
export function formatCounterexample(c: Counterexample): string {
  const lines = [
    `property ${c.property} failed with seed ${c.seed}:`,
    ...c.violations.slice(0, 20).map((v) => `  - ${v}`),
    ...(c.violations.length > 20 ? [`  ... and ${c.violations.length - 20} more`] : []),
    '',
  ];
  c.files.forEach((f, i) => {
    lines.push(`# ${f.file} (replay: ${c.replay[i]!})`, f.yaml);
  });
  return lines.join('\n');
}

/**
 * What a built-in property throws for a failing case: its message is
 * {@link formatCounterexample}'s text, so fast-check's report of the shrunk case prints the
 * scenario files and seed, ready to commit; `counterexample` holds them as data.
 */
export class PropertyViolation extends Error {
  readonly counterexample: Counterexample;

  constructor(c: Counterexample) {
    super(formatCounterexample(c));
    this.name = 'PropertyViolation';
    this.counterexample = c;
  }
}

/** Throws {@link PropertyViolation} when `violations` is not empty. */
export function assertNoViolations(
  property: string,
  seed: number,
  violations: readonly string[],
  files: () => readonly CounterexampleFile[],
): void {
  if (violations.length > 0) throw new PropertyViolation(counterexample(property, seed, violations, files()));
}

/**
 * Runs a built-in property with fast-check (FC_RUNS and FC_SEED honoured through the global
 * settings) and returns the shrunk counterexample, or undefined when every case passed.
 * Upstream has no counterpart.
 */
export function findCounterexample<T>(property: fc.IProperty<[T]>): Counterexample | undefined {
  const details = fc.check(property);
  if (!details.failed) return undefined;
  const error = details.errorInstance;
  if (error instanceof PropertyViolation) return error.counterexample;
  throw error instanceof Error ? error : new Error(String(error));
}
