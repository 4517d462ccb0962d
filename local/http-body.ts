// Reading a request body, for the local servers (the API Gateway stand-in and the sandbox), and as JSON.
import type { IncomingMessage } from 'node:http';

/** The whole body; with `maxBytes`, undefined when it is larger (the rest is read and dropped). */
export function readBody(req: IncomingMessage): Promise<Buffer>;
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined>;
export function readBody(req: IncomingMessage, maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** What jsonOf answers for a body that is not JSON. */
export const INVALID_JSON = Symbol('invalid JSON');

/** A body as JSON: undefined when it is empty, INVALID_JSON when it does not parse. */
export function jsonOf(raw: Buffer): unknown {
  try {
    return raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
  } catch {
    return INVALID_JSON;
  }
}
