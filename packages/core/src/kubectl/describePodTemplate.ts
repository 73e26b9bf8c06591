import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { writeContainers, writeTopologySpreadConstraints, writeVolumes } from './describeContainers.js';
import {
  LEVEL_0,
  LEVEL_1,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
  PrefixWriter,
} from './prefixWriter.js';

/**
 * Writes the `Pod Template:` block of a describe output: labels, annotations (when set),
 * service account, init containers, containers, volumes, topology spread constraints,
 * priority class, node selectors and the template's own tolerations.
 * Mirrors `DescribePodTemplate` (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 */
export function writePodTemplate(w: PrefixWriter, template: PodTemplateSpec | undefined): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (template === undefined) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec;
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0)
    printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  if ((spec?.serviceAccountName ?? '') !== '')
    w.write(LEVEL_1, `Service Account:\t${spec?.serviceAccountName}\n`);
  if ((spec?.initContainers ?? []).length > 0)
    writeContainers(w, 'Init Containers', spec?.initContainers ?? [], undefined, undefined, '  ');
  writeContainers(w, 'Containers', spec?.containers ?? [], undefined, undefined, '  ');
  writeVolumes(w, spec?.volumes, '  ');
  writeTopologySpreadConstraints(w, spec?.topologySpreadConstraints, '  ');
  if ((spec?.priorityClassName ?? '') !== '')
    w.write(LEVEL_1, `Priority Class Name:\t${spec?.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec?.tolerations);
}

/**
 * The `Pod Template:` block as `kubectl rollout history --revision=N` prints it: raw, with the
 * tabs unaligned, because upstream writes it to a plain buffer rather than a tabwriter.
 * Mirrors `printTemplate` (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/history.go).
 */
export function printTemplate(template: PodTemplateSpec | undefined): string {
  const w = new PrefixWriter();
  writePodTemplate(w, template);
  return w.raw();
}
