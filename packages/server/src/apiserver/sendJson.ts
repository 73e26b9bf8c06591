import type { ServerResponse } from 'node:http';
import { TimestampShifter } from './wallClock.js';

/**
 * Answers `obj` as JSON with status `code`, its timestamps moved by `shift` (a `Status` as is).
 * Mirrors `responsewriters.WriteObjectNegotiated` for JSON.
 */
export function sendJson(res: ServerResponse, code: number, obj: unknown, shift: number): void {
  const text =
    (obj as { kind?: unknown } | null)?.kind === 'Status'
      ? JSON.stringify(obj)
      : new TimestampShifter(shift).stringify(obj);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}
