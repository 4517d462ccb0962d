// The app's pages in the control panel's iframe (DESIGN §12): the admin shell the admin UI boots
// from, and error pages. Headers: framable only by the control panel (CSP frame-ancestors),
// never cached (the shell carries a session), no referrer (the URL carries a code or payload).
import type { APIGatewayProxyResult } from 'aws-lambda';

/** What the admin UI reads from the shell page's `#bc-loyalty-admin` JSON. */
export interface AdminBoot {
  session: string;
  storeHash: string;
  user: { id: number; email: string | null };
  apiBase: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON safe inside a `<script>` element: no `<` can close it or open a comment. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * Who may frame a page: the store's own control panel — BigCommerce serves it from
 * `https://store-{hash}.mybigcommerce.com/manage` as well as from `*.bigcommerce.com` — and the
 * configured origins (APP_FRAME_ANCESTORS: BigCommerce's, plus the sandbox locally). No other
 * store's origin frames a store's admin. Without a store (an error before it is known) any store's
 * control panel may frame the page: an error page carries nothing to take or click.
 */
function frameAncestorsOf(configured: string, storeHash?: string): string {
  return `https://${storeHash ? `store-${storeHash}` : '*'}.mybigcommerce.com ${configured}`;
}

function page(statusCode: number, html: string, frameAncestors: string): APIGatewayProxyResult {
  return {
    statusCode,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': `frame-ancestors ${frameAncestors}; base-uri 'none'; object-src 'none'`,
    },
    body: html,
  };
}

/**
 * The admin shell: the boot JSON and the admin UI's module from {apiBase}/admin/ui/admin.js,
 * framable by the store's control panel and `frameAncestors` (see frameAncestorsOf).
 */
export function adminShellPage(boot: AdminBoot, frameAncestors: string): APIGatewayProxyResult {
  return page(
    200,
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Loyalty points</title>
<script id="bc-loyalty-admin" type="application/json">${scriptJson(boot)}</script>
<script type="module" src="${escapeHtml(`${boot.apiBase}/admin/ui/admin.js`)}"></script>
</head>
<body>
<div id="root"></div>
</body>
</html>
`,
    frameAncestorsOf(frameAncestors, boot.storeHash),
  );
}

/** A short page saying what went wrong (never why a signature failed, never a stack). */
export function errorPage(statusCode: number, message: string, frameAncestors: string): APIGatewayProxyResult {
  return page(
    statusCode,
    `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Loyalty points</title></head>
<body><main><h1>Loyalty points</h1><p role="alert">${escapeHtml(message)}</p></main></body>
</html>
`,
    frameAncestorsOf(frameAncestors),
  );
}
