import { readFileSync } from 'node:fs';
import type { TraceEntry } from '@daemonsim/core';
import { formatTrace } from '@daemonsim/core';
import type { Scenario, ScenarioResult } from '@daemonsim/scenarios';
import { parseScenario, runScenario } from '@daemonsim/scenarios';

/** The lesson's scenario as its file gives it: informer observation, expectations off. */
export function lessonScenario(): Scenario {
  return parseScenario(readFileSync(new URL('./lesson.yaml', import.meta.url), 'utf8'));
}

/** The lesson's scenario run with or without the DaemonSet controller's expectations, deliveries traced. */
export function runLesson(expectations: boolean): ScenarioResult {
  const scenario = lessonScenario();
  return runScenario(
    { ...scenario, options: { ...scenario.options, expectations } },
    { simulationDefaults: { traceWatchDeliveries: true } },
  );
}

/**
 * The part of a trace that tells the story, from the DaemonSet's apply to `until`: each
 * DaemonSetSync pass with the pods it created or deleted, and each pod's first watch delivery
 * to the controllers' cache (the moment the controller can see the pod).
 */
export function cacheStory(trace: readonly TraceEntry[], from: number, until: number): string {
  const kept: TraceEntry[] = [];
  const seen = new Set<string>();
  let pass = false;
  for (const e of trace) {
    if (e.at < from || e.at > until) continue;
    if (e.entry === 'event') {
      pass = e.type === 'DaemonSetSync';
      if (pass) kept.push(e);
      else if (e.type === 'WatchDelivered' && e.detail.startsWith('Pod ')) {
        const key = e.detail.split(' ')[1]!;
        if (!seen.has(key)) kept.push(e);
        seen.add(key);
      }
    } else if (e.entry === 'write' && pass && e.kind === 'Pod') kept.push(e);
  }
  return formatTrace(kept);
}

/** How many pods the DaemonSet controller created and deleted in the whole run. */
function podChurn(trace: readonly TraceEntry[]): string {
  const count = (verb: string): number =>
    trace.filter(
      (e) => e.entry === 'write' && e.kind === 'Pod' && e.verb === verb && e.by === 'daemonset-controller',
    ).length;
  return `in all the DaemonSet controller created ${count('create')} pods and deleted ${count('delete')}, for 6 nodes`;
}

/**
 * Lesson 9: informer lag and why expectations exist. Runs the scenario without expectations,
 * then with them, and prints each run's `kubectl get` views and the part of its trace where
 * the controller's passes meet its lagging cache.
 */
export function lesson(): string {
  const runs = [
    { expectations: false, title: 'expectations: false, as lesson.yaml sets it' },
    { expectations: true, title: 'the same cluster, seed and lag with expectations: true (the default)' },
  ];
  let out = '';
  for (const { expectations, title } of runs) {
    const result = runLesson(expectations);
    const [first, second] = result.output.split('\n\n');
    out += `${out === '' ? '' : '\n'}## ${title}\n\n${first}\n\n`;
    out += `# the trace, 00:00:01 to 00:00:01.8: each DaemonSetSync pass reads the informer cache, which sees a\n`;
    out += `# pod only once its watch event is delivered (WatchDelivered; written= is when the API server stored it)\n`;
    out += cacheStory(result.trace, 1000, 1800);
    out += `# ${podChurn(result.trace)}\n\n${second}`;
  }
  return out;
}
