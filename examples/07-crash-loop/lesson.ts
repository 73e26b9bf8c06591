import { readFileSync } from 'node:fs';
import type { ScenarioResult } from '@daemonsim/scenarios';
import { parseScenario, runScenario } from '@daemonsim/scenarios';

/** Lesson 7: a crash loop, the kubelet's restart back-off and the RESTARTS column. */
export function lesson(): ScenarioResult {
  return runScenario(parseScenario(readFileSync(new URL('./lesson.yaml', import.meta.url), 'utf8')));
}
