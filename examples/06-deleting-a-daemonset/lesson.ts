import { readFileSync } from 'node:fs';
import type { ScenarioResult } from '@daemonsim/scenarios';
import { parseScenario, runScenario } from '@daemonsim/scenarios';

/** Lesson 6: deleting a DaemonSet in the background, in the foreground or orphaning its pods, and re-adoption. */
export function lesson(): ScenarioResult {
  return runScenario(parseScenario(readFileSync(new URL('./lesson.yaml', import.meta.url), 'utf8')));
}
