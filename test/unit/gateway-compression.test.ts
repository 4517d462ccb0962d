// The local API Gateway compresses as API Gateway does with MinimumCompressionSize set: gzip or deflate
// from the client's Accept-Encoding, only at or above the threshold, never twice.
import { gunzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressed } from '../../local/gateway-compression';

const body = Buffer.from('{"balance":120}'.repeat(100));

describe('compressed', () => {
  it('gzips a body at the threshold when the client accepts gzip', () => {
    const out = compressed(body, 'gzip, deflate, br', body.length, false);
    expect(out.encoding).toBe('gzip');
    expect(gunzipSync(out.body)).toEqual(body);
    expect(out.body.length).toBeLessThan(body.length / 10);
  });

  it('falls back to deflate, or to any encoding for *', () => {
    const deflated = compressed(body, 'br;q=1, deflate;q=0.5', 1024, false);
    expect(deflated.encoding).toBe('deflate');
    expect(inflateSync(deflated.body)).toEqual(body);
    expect(compressed(body, '*', 1024, false).encoding).toBe('gzip');
  });

  it.each([
    ['below the threshold', body.length + 1, 'gzip', false],
    ['compression off', undefined, 'gzip', false],
    ['no Accept-Encoding', 1024, undefined, false],
    ['only br or identity', 1024, 'br, identity', false],
    ['gzip refused with q=0', 1024, 'gzip;q=0, deflate;q=0', false],
    ['already encoded by the function', 1024, 'gzip', true],
  ])('sends the body as it is: %s', (_case, minimum, accept, encoded) => {
    expect(compressed(body, accept, minimum, encoded)).toEqual({ body });
  });
});
