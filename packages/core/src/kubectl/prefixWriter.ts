import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { formatTabbedText } from './tabwriter.js';

/** describe.go's indentation levels: each adds two spaces. */
export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/**
 * Collects `describe` text at indentation levels, tabs marking the cells a tabwriter aligns.
 * Mirrors `PrefixWriter`/`prefixWriter` (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 * Deviation: no `printers.WriteEscaped` terminal-escape filtering; `Flush` is not needed since
 * a line without tabs already ends a tabwriter block.
 */
export class PrefixWriter {
  private readonly parts: string[] = [];

  /** Writes `text` after `level` × two spaces. Mirrors `prefixWriter.Write`. */
  write(level: number, text: string): void {
    this.parts.push('  '.repeat(level) + text);
  }

  /** Writes `text` and a newline without indentation. Mirrors `prefixWriter.WriteLine`. */
  writeLine(text: string): void {
    this.parts.push(`${text}\n`);
  }

  /** The raw text written so far, tabs included (what `printTemplate` returns upstream). */
  raw(): string {
    return this.parts.join('');
  }

  /**
   * The text laid out as `tabbedString` does: a tabwriter with min width 0 and padding 2.
   * Mirrors `tabbedString` (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
   */
  tabbed(): string {
    return formatTabbedText(this.raw(), { minWidth: 0, padding: 2 });
  }
}

/**
 * Writes a label map as `Title:\tk=v`, further labels on their own lines, `<none>` when empty.
 * Mirrors `printLabelsMultiline` (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Readonly<Record<string, string>> | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort(compareStrings);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${key}=${labels?.[key] ?? ''}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/**
 * Writes annotations as `Title:\tk: v`, one per line; long or multi-line values go below their
 * key, each line cut at 138 characters with `...`; the last-applied-configuration is skipped.
 * Mirrors `printAnnotationsMultiline` and `shorten` (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 * Deviation: lengths count UTF-16 code units where Go counts bytes.
 */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Readonly<Record<string, string>> | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((key) => !SKIPPED_ANNOTATIONS.has(key))
    .sort(compareStrings);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    let value = annotations?.[key] ?? '';
    if (value.endsWith('\n')) value = value.slice(0, -1);
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n'))
        w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

function shorten(s: string, maxLength: number): string {
  return s.length > maxLength ? `${s.slice(0, maxLength)}...` : s;
}

/**
 * Writes taints sorted by effect then key as `Title:\tkey=value:Effect`, `<none>` when empty.
 * Mirrors `printNodeTaintsMultiline` and `Taint.ToString` (describe.go, core/v1 taint.go).
 */
export function printTaintsMultiline(
  w: PrefixWriter,
  title: string,
  taints: readonly Taint[] | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const sorted = [...(taints ?? [])].sort((a, b) =>
    compareStrings(`${a.effect},${a.key}`, `${b.effect},${b.key}`),
  );
  if (sorted.length === 0) {
    w.writeLine('<none>');
    return;
  }
  sorted.forEach((taint, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintToString(taint)}\n`);
  });
}

/**
 * Renders a taint as `key=value:Effect`, `key:Effect`, or `key` / `key=value` without an effect.
 * Mirrors `Taint.ToString` (staging/src/k8s.io/api/core/v1/taint.go).
 */
export function taintToString(taint: Taint): string {
  const value = taint.value ?? '';
  const effect = taint.effect ?? '';
  if (effect === '') return value === '' ? taint.key : `${taint.key}=${value}:`;
  return value === '' ? `${taint.key}:${effect}` : `${taint.key}=${value}:${effect}`;
}

/**
 * Writes tolerations sorted by key as `key[=value][:Effect][ op=Exists][ for Ns]`, `<none>` when empty.
 * Mirrors `printPodTolerationsMultiline` / `printTolerationsMultilineWithIndent`
 * (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 */
export function printTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const sorted = [...(tolerations ?? [])].sort((a, b) => compareStrings(a.key ?? '', b.key ?? ''));
  if (sorted.length === 0) {
    w.writeLine('<none>');
    return;
  }
  sorted.forEach((toleration, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${tolerationToString(toleration)}\n`);
  });
}

/**
 * Renders a toleration as `key[=value][:Effect][ op=Exists][ for Ns]`.
 * Mirrors the loop body of `printTolerationsMultilineWithIndent` (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 */
export function tolerationToString(toleration: Toleration): string {
  const key = toleration.key ?? '';
  const value = toleration.value ?? '';
  const effect = toleration.effect ?? '';
  let text = key;
  if (value !== '') text += `=${value}`;
  if (effect !== '') text += `:${effect}`;
  if (toleration.operator === 'Exists' && value === '') {
    text += key !== '' || effect !== '' ? ' op=Exists' : 'op=Exists';
  }
  if (toleration.tolerationSeconds !== undefined) text += ` for ${toleration.tolerationSeconds}s`;
  return text;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * Renders an RFC 3339 timestamp as Go's `time.RFC1123Z` in UTC (`Thu, 01 Jan 2026 00:00:00 +0000`);
 * a missing timestamp is Go's zero time, `Mon, 01 Jan 0001 00:00:00 +0000`.
 * Mirrors `metav1.Time.Time.Format(time.RFC1123Z)` as describe.go prints times.
 * Deviation: always UTC (kubectl prints the local zone of the machine it runs on).
 */
export function formatRFC1123Z(timestamp: string | null | undefined): string {
  if (timestamp === undefined || timestamp === null || timestamp === '')
    return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const date = new Date(Date.parse(timestamp));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()] ?? ''}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** `<none>` for an empty string. Mirrors `stringOrNone` (describe.go). */
export function stringOrNone(s: string | undefined): string {
  return s === undefined || s === '' ? '<none>' : s;
}

/** Byte-wise string order, as Go's `sort.Strings` (identical to UTF-16 order for ASCII). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
