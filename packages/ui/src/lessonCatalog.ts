import type { Scenario } from '@daemonsim/scenarios';
import { eksWalkthrough, parseScenario } from '@daemonsim/scenarios';

/**
 * The `lesson.yaml` text of each lesson in the repository's `examples/`, by folder name, put in
 * by the view's build (`scripts/build.mjs`); absent where the page's source runs unbundled.
 */
declare const DAEMONSIM_LESSONS: Readonly<Record<string, string>> | undefined;

/**
 * The lessons the page offers, by their folder name in `examples/` (`08-rolling-update`):
 * lesson 1 is the library's EKS walkthrough, the others the scenario files the build bundled,
 * parsed when first asked for (lesson 2's is the scenario of its kubectl tutorial).
 * Upstream has no counterpart.
 */
export function lessonNames(): string[] {
  const bundled = typeof DAEMONSIM_LESSONS === 'undefined' ? {} : DAEMONSIM_LESSONS;
  return ['01-eks-walkthrough', ...Object.keys(bundled)].sort();
}

/** The scenario of lesson `name` (see {@link lessonNames}), or undefined for no such lesson. */
export function lessonScenario(name: string): Scenario | undefined {
  if (name === '01-eks-walkthrough') return eksWalkthrough;
  const bundled = typeof DAEMONSIM_LESSONS === 'undefined' ? {} : DAEMONSIM_LESSONS;
  const text = Object.hasOwn(bundled, name) ? bundled[name] : undefined;
  return text === undefined ? undefined : parseScenario(text);
}
