import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { rollingUpdateMaxSurge, stringifyScenario } from '@daemonsim/scenarios';
import { EXIT_BAD_INPUT, runCli } from '../../src/cli/index.js';

const dir = mkdtempSync(join(tmpdir(), 'daemonsim-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
    interrupted: () => Promise.resolve(),
    env,
  });
  return { code, stdout, stderr };
}

const SURGE = 'steps.*.manifests.spec.updateStrategy.rollingUpdate.maxSurge=1,2,100%';
const read = (name: string): string => readFileSync(join(dir, name), 'utf8');

describe('daemonsim sweep', () => {
  it('writes one line per run in variant-then-seed order, the same bytes on one worker or two', async () => {
    const scenario = join(dir, 'surge.yaml');
    writeFileSync(scenario, stringifyScenario(rollingUpdateMaxSurge));
    const one = await cli([
      'sweep',
      scenario,
      '--seeds',
      '1..4',
      '--vary',
      SURGE,
      '--workers',
      '1',
      '--out',
      join(dir, 'one.ndjson'),
    ]);
    const two = await cli([
      'sweep',
      scenario,
      '--seeds',
      '1..4',
      '--vary',
      SURGE,
      '--workers',
      '2',
      '--out',
      join(dir, 'two.ndjson'),
    ]);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(two.stderr).toMatch(/^sweep: 12 runs, 8 not passed, [\d.]+ s on 2 workers/);
    expect(read('two.ndjson')).toBe(read('one.ndjson'));
    const records = read('one.ndjson')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((r) => [r.variant, r.seed])).toEqual(
      [0, 1, 2].flatMap((v) => [1, 2, 3, 4].map((s) => [v, s])),
    );
    expect(records.map((r) => r.outcome)).toEqual([...Array(4).fill('pass'), ...Array(8).fill('fail')]);

    const merged = await cli(['sweep', 'merge', join(dir, 'one.ndjson')]);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('rollingUpdate.maxSurge=100% (seeds 1..4)');
    expect(merged.stdout).toContain('failures: 8 of 12 runs');
    const replay = /replay: (daemonsim sweep replay .*)/.exec(merged.stdout)![1]!;
    // The replay command, word by word as a shell would split it, prints the same line.
    const words = replay
      .match(/'[^']*'|\S+/g)!
      .map((w) => w.replace(/^'|'$/g, ''))
      .slice(1);
    const again = await cli(words);
    expect(again.stdout).toContain('ManifestApplied DaemonSet kube-system/kube-proxy');
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe(read('one.ndjson').split('\n')[4]);
  });

  it('refuses bad seeds, an unknown name or property, a path that reaches nothing and half an Indexed Job contract', async () => {
    const out = join(dir, 'x.ndjson');
    expect((await cli(['sweep', 'randomNodeChurn', '--seeds', '5..1', '--out', out])).stderr).toContain(
      'A <= B',
    );
    expect((await cli(['sweep', 'nope', '--seeds', '1', '--out', out])).stderr).toMatch(
      /error: "nope" is neither a scenario file nor a library name\nhint: .*random-node-churn.*property:cluster-ops/,
    );
    const property = await cli(['sweep', 'property:nope', '--seeds', '1', '--out', out]);
    expect([property.code, property.stderr]).toEqual([
      EXIT_BAD_INPUT,
      'error: sweep: unknown property "property:nope"; properties: property:cluster-ops, property:rollout-classic, property:rollout-surge\n' +
        'hint: name one of the properties listed, as property:NAME\n',
    ]);
    const path = await cli([
      'sweep',
      'randomNodeChurn',
      '--seeds',
      '1',
      '--vary',
      'steps.*.nope.x=1',
      '--out',
      out,
    ]);
    expect([path.code, path.stderr.split('\n')[0]]).toEqual([
      EXIT_BAD_INPUT,
      'error: --vary: Invalid value: "steps.*.nope.x": reaches nothing in scenario "random-node-churn-1"',
    ]);
    const half = await cli(['sweep', 'randomNodeChurn', '--seeds', '1', '--out', out], {
      JOB_COMPLETION_INDEX: '1',
    });
    expect(half.stderr).toContain('JOB_COMPLETION_INDEX is set without DAEMONSIM_SHARD_COUNT');
    const range = await cli(['sweep', 'randomNodeChurn', '--seeds', '1', '--shard', '4/4', '--out', out]);
    expect(range.stderr).toContain('the shard index must be an integer from 0 to 3');
  });

  it("gives the options written after 'sweep merge FILES' or 'sweep replay' to that subcommand", async () => {
    const scenario = join(dir, 'owner.yaml');
    writeFileSync(scenario, stringifyScenario(rollingUpdateMaxSurge));
    const surge = 'steps.*.manifests.spec.updateStrategy.rollingUpdate.maxSurge';
    const sweep = await cli([
      'sweep',
      scenario,
      '--seeds',
      '1..2',
      '--vary',
      `${surge}=1,2`,
      '--workers',
      '1',
      '--out',
      join(dir, 'owner.ndjson'),
    ]);
    expect(sweep.code).toBe(0);
    // merge's --out and --max-failures, after the files: the merged lines land there, one failure listed.
    const merged = await cli([
      'sweep',
      'merge',
      join(dir, 'owner.ndjson'),
      '--out',
      join(dir, 'owner-merged.ndjson'),
      '--max-failures',
      '1',
    ]);
    expect([merged.code, merged.stderr]).toEqual([0, '']);
    expect(read('owner-merged.ndjson')).toBe(read('owner.ndjson'));
    expect(merged.stdout).toContain('failures: 2 of 4 runs');
    expect(merged.stdout.match(/replay: /g)).toHaveLength(1);
    // replay's --vary after its scenario picks the variant's value: the line of variant 1, seed 2.
    const replay = await cli([
      'sweep',
      'replay',
      scenario,
      '--seed',
      '2',
      '--variant',
      '1',
      '--vary',
      `${surge}=2`,
    ]);
    expect(replay.code).toBe(0);
    expect(replay.stdout.trimEnd().split('\n').at(-1)).toBe(read('owner.ndjson').split('\n')[3]);
    // An option sweep has but merge has not is merge's unknown option, not sweep's to ignore.
    const workers = await cli(['sweep', 'merge', join(dir, 'owner.ndjson'), '--workers', '2']);
    expect([workers.code, workers.stderr]).toEqual([
      EXIT_BAD_INPUT,
      "error: unknown option '--workers'\nhint: run 'daemonsim sweep merge --help' for usage\n",
    ]);
  });

  it("refuses sweep's own options written before 'merge' or 'replay', saying where they go", async () => {
    const out = join(dir, 'misplaced.ndjson');
    const merge = await cli(['sweep', '--out', out, 'merge', join(dir, 'owner.ndjson')]);
    expect([merge.code, merge.stdout, merge.stderr]).toEqual([
      EXIT_BAD_INPUT,
      '',
      "error: sweep merge: --out is an option of sweep itself, written before 'merge'\n" +
        "hint: write the options of 'sweep merge' after its name (run 'daemonsim sweep merge --help' for them)\n",
    ]);
    expect(() => readFileSync(out)).toThrow(/ENOENT/);
    const replay = await cli([
      'sweep',
      '--seeds',
      '1',
      '--vary',
      'metadata.name=x',
      'replay',
      'randomNodeChurn',
      '--seed',
      '1',
    ]);
    expect([replay.code, replay.stdout]).toEqual([EXIT_BAD_INPUT, '']);
    expect(replay.stderr.split('\n')[0]).toBe(
      "error: sweep replay: --seeds, --vary are options of sweep itself, written before 'replay'",
    );
  });
});

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const run = promisify(execFile);

/** `daemonsim` as its own process, from source, as `pnpm daemonsim` runs it. */
function daemonsim(argv: string[], env: NodeJS.ProcessEnv = {}) {
  return run(
    process.execPath,
    ['--import', 'tsx', '--conditions=@daemonsim/source', 'packages/server/src/cli/main.ts', ...argv],
    { cwd: root, env: { ...process.env, ...env } },
  );
}

describe('the Indexed Job contract', () => {
  it('three processes with JOB_COMPLETION_INDEX 0-2 of DAEMONSIM_SHARD_COUNT 3, merged, write what one process writes', async () => {
    const args = ['sweep', 'property:rollout-surge', '--seeds', '1..7', '--workers', '1'];
    const [, ...shards] = await Promise.all([
      daemonsim([...args, '--out', join(dir, 'whole.ndjson')]),
      ...[0, 1, 2].map((i) =>
        daemonsim([...args, '--out', join(dir, `shard-${i}.ndjson`)], {
          JOB_COMPLETION_INDEX: String(i),
          DAEMONSIM_SHARD_COUNT: '3',
        }),
      ),
    ]);
    expect(shards.map((s) => /\d+ runs \(shard \d\/3\)/.exec(s.stderr)?.[0])).toEqual([
      '3 runs (shard 0/3)',
      '2 runs (shard 1/3)',
      '2 runs (shard 2/3)',
    ]);
    const files = [2, 0, 1].map((i) => join(dir, `shard-${i}.ndjson`));
    const merged = await cli(['sweep', 'merge', ...files, '--out', join(dir, 'merged.ndjson')]);
    const whole = await cli(['sweep', 'merge', join(dir, 'whole.ndjson')]);
    expect(read('merged.ndjson')).toBe(read('whole.ndjson'));
    expect(read('whole.ndjson').trimEnd().split('\n')).toHaveLength(7);
    expect(merged.stdout).toBe(whole.stdout);
  });
});
