// GET /admin/ui/{file} through the local API: the admin UI's built files, public, with the cache
// headers the control panel's iframe needs (the entry revalidated, hashed bundles immutable).
import { type IncomingHttpHeaders, request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTestStack } from './support/file-stack';

const env = useTestStack();
/** A GET whose body is read as it crossed the wire (fetch would decode it). */
function rawGet(path: string, acceptEncoding: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${env.stack.apiUrl}${path}`, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}
const get = (file: string, headers: Record<string, string> = {}) =>
  fetch(`${env.stack.apiUrl}/admin/ui/${file}`, { headers });

describe('GET /admin/ui/{file}', () => {
  it('serves the entry without a session: a module importing the hashed bundle, revalidated by ETag', async () => {
    const entry = await get('admin.js');
    expect(entry.status).toBe(200);
    expect(entry.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(entry.headers.get('cache-control')).toBe('no-cache');
    expect(entry.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await entry.text()).toMatch(/^import '\.\/admin-[A-Z0-9]+\.js';/);
    const again = await get('admin.js', { 'If-None-Match': entry.headers.get('etag') ?? '' });
    expect(again.status).toBe(304);
  });

  it('serves the hashed bundle and its license notices as immutable', async () => {
    const bundle = /admin-[A-Z0-9]+\.js/.exec(await (await get('admin.js')).text())![0];
    const code = await get(bundle);
    expect(code.status).toBe(200);
    expect(code.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const notices = await get(`${bundle}.LEGAL.txt`);
    expect(notices.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await notices.text()).toMatch(/React/);
  });

  it('compresses the bundle on the wire (MinimumCompressionSize), not the 30-byte entry', async () => {
    const bundle = /admin-[A-Z0-9]+\.js/.exec(await (await get('admin.js')).text())![0];
    const wire = await rawGet(`/admin/ui/${bundle}`, 'gzip, deflate, br');
    expect(wire.headers['content-encoding']).toBe('gzip');
    const plain = await rawGet(`/admin/ui/${bundle}`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(wire.body)).toEqual(plain.body);
    expect(wire.body.length).toBeLessThan(plain.body.length / 2.5); // 520 KB → 159 KB
    expect((await rawGet('/admin/ui/admin.js', 'gzip')).headers['content-encoding']).toBeUndefined();
  });

  it.each(['index.ts', 'admin-XXXXXXXX.js', '..%2Fpackage.json', '.env'])('answers 404 for %s', async (file) => {
    const response = await get(file);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such file.' } });
  });
});
