import type { IncomingMessage } from 'node:http';
import { StatusError } from './status.js';

/**
 * The request body, or a 413 Status once it passes `maxBody` bytes.
 * Mirrors the API server's `MaxRequestBodyBytes` check (`limitedReadBody`).
 */
export function readBody(req: IncomingMessage, maxBody: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge)
        reject(
          new StatusError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${maxBody}`),
        );
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
