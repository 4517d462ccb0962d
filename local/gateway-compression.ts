// API Gateway's response compression (the API's MinimumCompressionSize): a body at least that large is
// compressed with the first of gzip or deflate the client accepts (API Gateway supports those and
// identity), unless the integration already encoded it. Off when the template sets no threshold.
import { deflateSync, gzipSync } from 'node:zlib';

const ENCODINGS = { gzip: gzipSync, deflate: deflateSync } as const;
type Encoding = keyof typeof ENCODINGS;

/** The encodings an Accept-Encoding header allows (q > 0), with `*` standing for any. */
function accepted(header: string): Set<string> {
  const names = new Set<string>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name && (q === undefined || Number(q) > 0)) names.add(name);
  }
  return names;
}

/** The body to send and its Content-Encoding (undefined: sent as it is). */
export function compressed(
  body: Buffer,
  acceptEncoding: string | undefined,
  minimumSize: number | undefined,
  alreadyEncoded: boolean,
): { body: Buffer; encoding?: Encoding } {
  if (minimumSize === undefined || alreadyEncoded || body.length < minimumSize || !acceptEncoding) return { body };
  const allowed = accepted(acceptEncoding);
  const encoding = (Object.keys(ENCODINGS) as Encoding[]).find((name) => allowed.has(name) || allowed.has('*'));
  return encoding ? { body: ENCODINGS[encoding](body), encoding } : { body };
}
