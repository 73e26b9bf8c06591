import type { KubeEvent } from '../model/objects.js';
import { parseTimestamp, type SimTime } from '../model/time.js';
import { translateTimestampSince } from './humanDuration.js';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './prefixWriter.js';

/**
 * Writes the `Events:` table of a describe output into `w`: `Events:\t<none>` when there are
 * none, else Type, Reason, Age, From and Message columns, sorted by last occurrence (oldest
 * first); Age is `<since last> (x<count> over <since first>)` for a repeated event.
 * Mirrors `DescribeEvents` and `event.SortableEvents` (staging/src/k8s.io/kubectl/pkg/describe/describe.go,
 * pkg/util/event/sorted_event_list.go): the sort key is the series' last observed time, else
 * `lastTimestamp`, else `eventTime` (not the first timestamp).
 * Deviation: the sort is stable (Go's `sort.Sort` is not), so equal times keep input order.
 */
export function writeEvents(w: PrefixWriter, events: readonly KubeEvent[], now: SimTime): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  const sorted = [...events].sort((a, b) => {
    const ta = eventTime(a);
    const tb = eventTime(b);
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    let firstTimestampSince = translateTimestampSince(e.eventTime, now);
    if (isZero(e.eventTime)) firstTimestampSince = translateTimestampSince(e.firstTimestamp, now);
    let interval: string;
    if (e.series !== undefined) {
      interval = `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${firstTimestampSince})`;
    } else if ((e.count ?? 0) > 1) {
      interval = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${firstTimestampSince})`;
    } else {
      interval = firstTimestampSince;
    }
    let source = e.source?.component ?? '';
    if (source === '') source = e.reportingComponent ?? '';
    w.write(
      LEVEL_1,
      `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`,
    );
  }
}

/**
 * The `Events:` section alone, laid out as kubectl describe prints it (e.g. `Events:  <none>\n`).
 * Mirrors `DescribeEvents` (staging/src/k8s.io/kubectl/pkg/describe/describe.go) run through
 * `tabbedString`; see {@link writeEvents} for the rules.
 */
export function describeEvents(events: readonly KubeEvent[], now: SimTime): string {
  const w = new PrefixWriter();
  writeEvents(w, events, now);
  return w.tabbed();
}

function isZero(timestamp: string | null | undefined): boolean {
  return timestamp === undefined || timestamp === null || timestamp === '';
}

function eventTime(e: KubeEvent): number {
  const seriesTime = e.series?.lastObservedTime;
  if (e.series !== undefined) return isZero(seriesTime) ? -Infinity : parseTimestamp(seriesTime as string);
  if (!isZero(e.lastTimestamp)) return parseTimestamp(e.lastTimestamp);
  return isZero(e.eventTime) ? -Infinity : parseTimestamp(e.eventTime as string);
}
