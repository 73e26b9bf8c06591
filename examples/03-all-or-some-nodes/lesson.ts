import { readFileSync } from 'node:fs';
import type { ScenarioResult } from '@daemonsim/scenarios';
import { parseScenario, runScenario } from '@daemonsim/scenarios';

/** Lesson 3: a DaemonSet on every node, or on those its nodeSelector or node affinity picks. */
export function lesson(): ScenarioResult {
  return runScenario(parseScenario(readFileSync(new URL('./lesson.yaml', import.meta.url), 'utf8')));
}
