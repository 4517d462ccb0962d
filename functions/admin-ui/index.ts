// GET /admin/ui/{file} — the admin UI's built files (public: the shell page loads them before any
// session exists; they hold no data). The build (admin/build.ts) puts them in `ui/` beside this
// handler; the local stack points ADMIN_UI_DIR at admin/dist. Content-hashed files are immutable;
// the entry `admin.js`, whose name the shell page fixes, is revalidated by its ETag.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const ENTRY = 'admin.js';
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  body: string;
  etag: string;
  headers: Record<string, string>;
}

let assets: Map<string, Asset> | undefined;

/** Every built file, read once per container (a few hundred KB): a request never touches the disk. */
function loadAssets(): Map<string, Asset> {
  const dir = process.env.ADMIN_UI_DIR || join(process.env.LAMBDA_TASK_ROOT ?? '.', 'ui');
  const loaded = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = CONTENT_TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name), 'utf8');
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    const cache = name === ENTRY ? 'no-cache' : 'public, max-age=31536000, immutable';
    loaded.set(name, {
      body,
      etag,
      headers: { 'Content-Type': type, 'Cache-Control': cache, ETag: etag, 'X-Content-Type-Options': 'nosniff' },
    });
  }
  return loaded;
}

const notFound: APIGatewayProxyResult = {
  statusCode: 404,
  headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No such file.' } }),
};

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  assets ??= loadAssets();
  const asset = assets.get(event.pathParameters?.file ?? '');
  if (!asset) return notFound;
  const conditional = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'if-none-match');
  if (conditional?.[1] === asset.etag) return { statusCode: 304, headers: asset.headers, body: '' };
  return { statusCode: 200, headers: asset.headers, body: asset.body };
};
