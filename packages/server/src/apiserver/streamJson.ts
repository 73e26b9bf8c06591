import type { ServerResponse } from 'node:http';

/** How much text is gathered before a write to the socket. */
const CHUNK_CHARS = 1024 * 1024;

/**
 * Answers 200 with JSON produced piece by piece by `parts`, written in chunks as the socket
 * drains, so a 50,000-object list is never one string in memory. The pieces must come from
 * immutable state (a snapshot): producing them spans event-loop turns.
 * Mirrors the API server's streaming list encoder (`StreamingCollections` of 1.32).
 */
export function streamJson(res: ServerResponse, parts: Iterator<string>): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  const pump = (): void => {
    try {
      let buffer = '';
      for (let next = parts.next(); !next.done; next = parts.next()) {
        buffer += next.value;
        if (buffer.length >= CHUNK_CHARS) {
          const more = res.write(buffer);
          buffer = '';
          if (!more) {
            res.once('drain', pump);
            return;
          }
        }
      }
      res.end(buffer);
    } catch {
      res.destroy();
    }
  };
  res.on('close', () => parts.return?.());
  pump();
}
