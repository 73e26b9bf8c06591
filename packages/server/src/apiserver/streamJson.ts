import type { ServerResponse } from 'node:http';
import { JsonChunks } from './jsonChunks.js';
import type { SerializedObject } from './serializedObject.js';

/**
 * Answers 200 with JSON produced piece by piece by `parts` (text, or a stored object's cached
 * serialization whose timestamps are moved by `shift` ms), written in chunks as the socket
 * drains, so a 50,000-object list is never one string in memory. The pieces must come from
 * immutable state (a snapshot): producing them spans event-loop turns.
 * Mirrors the API server's streaming list encoder (`StreamingCollections` of 1.32).
 */
export function streamJson(
  res: ServerResponse,
  parts: Iterator<string | SerializedObject>,
  shift: number,
): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  let full = false;
  const body = new JsonChunks(shift, (data, recycle) => {
    if (!res.write(data, recycle)) full = true;
  });
  const pump = (): void => {
    try {
      for (let next = parts.next(); !next.done; next = parts.next()) {
        if (typeof next.value === 'string') body.text(next.value);
        else body.object(next.value);
        if (full) {
          full = false;
          res.once('drain', pump);
          return;
        }
      }
      body.end((data, recycle) => res.end(data, recycle));
    } catch {
      res.destroy();
    }
  };
  res.on('close', () => parts.return?.());
  pump();
}
