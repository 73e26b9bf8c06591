import { readFileSync } from 'node:fs';
import type { ScenarioResult } from '@daemonsim/scenarios';
import { parseScenario, runScenario } from '@daemonsim/scenarios';

/** Lesson 4: taints keep daemon pods off nodes unless tolerated, and the tolerations every daemon pod gets. */
export function lesson(): ScenarioResult {
  return runScenario(parseScenario(readFileSync(new URL('./lesson.yaml', import.meta.url), 'utf8')));
}
