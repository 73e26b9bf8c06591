import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTrace, MINUTE } from '@daemonsim/core';
import type { TraceEntry } from '@daemonsim/core';
import type { Scenario } from '@daemonsim/scenarios';
import {
  MONITORING_DAEMON_MANIFEST,
  nodeMonitoringAgent,
  runScenario,
  stringifyScenario,
} from '@daemonsim/scenarios';
import { runCli } from '../../src/cli/index.js';

const dir = mkdtempSync(join(tmpdir(), 'daemonsim-run-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; writes: number }> {
  let stdout = '';
  let writes = 0;
  const code = await runCli(argv, {
    stdout: (t) => {
      stdout += t;
      writes++;
    },
    stderr: () => undefined,
    stderrIsTTY: false,
    interrupted: () => Promise.resolve(),
  });
  return { code, stdout, writes };
}

describe('daemonsim run streams its trace', () => {
  const file = join(dir, 'monitoring.yaml');
  writeFileSync(file, stringifyScenario(nodeMonitoringAgent));
  const kept = runScenario(nodeMonitoringAgent);

  it('prints the same trace text as a run that keeps the whole trace, then the print output', async () => {
    const { code, stdout } = await cli('run', file);
    expect(code).toBe(0);
    expect(stdout).toBe(`${kept.traceText}\n--- output ---\n${kept.output}`);
  });

  it('writes the trace as NDJSON to --trace-file, one entry per line, in order', async () => {
    const out = join(dir, 'trace.ndjson');
    const { code } = await cli('run', file, '--trace-file', out);
    expect(code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const entries = lines.map((l) => JSON.parse(l) as TraceEntry);
    expect(entries.length).toBe(kept.trace.length);
    expect(formatTrace(entries)).toBe(kept.traceText);
  });

  it('keeps the trace running on with --until, after the steps', async () => {
    // A node leaves as the steps end: PodGC collects its pod only during --until.
    const leaving: Scenario = {
      name: 'a node leaves at the end',
      steps: [
        { kind: 'addNodes', count: 2 },
        { kind: 'apply', manifests: MONITORING_DAEMON_MANIFEST },
        { kind: 'runUntilQuiet' },
        { kind: 'removeNodes', names: ['node-1'] },
      ],
    };
    const leavingFile = join(dir, 'leaving.yaml');
    writeFileSync(leavingFile, stringifyScenario(leaving));
    const expected = runScenario(leaving);
    expected.simulation.runUntil(10 * MINUTE);
    const { stdout } = await cli('run', leavingFile, '--until', '10m');
    expect(stdout).toBe(`${formatTrace(expected.simulation.trace)}`);
    expect(stdout).toContain('PodGC');
  });
});
