import { readFileSync } from 'node:fs';
import type { ScenarioResult } from '@daemonsim/scenarios';
import { parseScenario, runScenario } from '@daemonsim/scenarios';

/** Lesson 5: a node fails: NotReady, eviction of ordinary pods, daemon pods that stay, and PodGC. */
export function lesson(): ScenarioResult {
  return runScenario(parseScenario(readFileSync(new URL('./lesson.yaml', import.meta.url), 'utf8')));
}
