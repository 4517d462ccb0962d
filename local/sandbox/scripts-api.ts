// Scripts API of the Management API (scripts.v3.yml), with state: what an app installs for Script
// Manager; and how a Stencil storefront renders the enabled ones into its pages (footer/head).
// Requests arrive validated against the spec; these handlers add what its text says: `html` holds
// exactly one script tag for kind script_tag, `src` is for kind src, 10 scripts per app.
import { randomUUID } from 'node:crypto';
import { type ApiResult, type Handler, unprocessable } from './api-result';
import type { SandboxScript } from './store-records';
import type { StoreState } from './store-state';

const APP_SCRIPTS = 10;
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const notFound: ApiResult = { status: 404, body: { status: 404, title: 'Script not found', type: '' } };
const one = (script: SandboxScript): ApiResult => ({ status: 200, body: { data: script, meta: {} } });

/** What the spec's text asks of a script's kind and contents; undefined when it is fine. */
function invalid(script: Partial<SandboxScript>): string | undefined {
  if (script.kind === 'script_tag') {
    if (script.src) return 'a script_tag script has no src';
    if ((script.html?.match(/<script\b/gi) ?? []).length !== 1) return 'html must hold exactly one script tag';
    if (script.load_method && script.load_method !== 'default') return 'a script_tag script loads with default';
  }
  if (script.kind === 'src' && (!script.src || script.html)) return 'a src script has a src and no html';
  return undefined;
}

export const scriptHandlers: Record<string, Handler> = {
  getScripts: (state, query) => {
    const limit = Number(query.limit ?? 50);
    const page = Number(query.page ?? 1);
    const data = state.scripts.slice((page - 1) * limit, page * limit);
    const pagination = {
      total: state.scripts.length,
      count: data.length,
      per_page: limit,
      current_page: page,
      total_pages: Math.max(1, Math.ceil(state.scripts.length / limit)),
    };
    return { status: 200, body: { data, meta: { pagination } } };
  },
  getScript: (state, _q, _b, params) => {
    const script = state.scripts.find((s) => s.uuid === params.uuid);
    return script ? one(script) : notFound;
  },
  createScript: (state, _q, body) => {
    const input = {
      kind: 'src',
      location: 'footer',
      visibility: 'storefront',
      enabled: true,
      ...(body as object),
    } as SandboxScript;
    const problem = invalid(input);
    if (problem) return unprocessable('JSON data is missing or invalid', { kind: problem });
    if (state.scripts.length >= APP_SCRIPTS)
      return unprocessable(`Each app can have ${APP_SCRIPTS} scripts installed.`);
    const script = {
      ...input,
      uuid: randomUUID(),
      api_client_id: 'sandbox-app',
      date_created: now(),
      date_modified: now(),
    };
    state.scripts.push(script);
    return one(script);
  },
  updateScript: (state, _q, body, params) => {
    const script = state.scripts.find((s) => s.uuid === params.uuid);
    if (!script) return notFound;
    const problem = invalid({ ...script, ...(body as object) });
    if (problem) return unprocessable('JSON data is missing or invalid', { kind: problem });
    Object.assign(script, body as object, { date_modified: now() });
    return one(script);
  },
  deleteScript: (state, _q, _b, params) => {
    const before = state.scripts.length;
    state.scripts = state.scripts.filter((s) => s.uuid !== params.uuid);
    return state.scripts.length < before ? { status: 204 } : notFound;
  },
};

const attribute = (s: string) => s.replace(/[&"<]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The enabled storefront scripts for one location of a page, as Stencil renders them. */
export function renderScripts(state: StoreState, location: 'head' | 'footer'): string {
  return state.scripts
    .filter(
      (s) =>
        s.enabled !== false &&
        s.location === location &&
        s.visibility !== 'checkout' &&
        s.visibility !== 'order_confirmation',
    )
    .map((s) => {
      if (s.kind === 'script_tag') return s.html ?? '';
      const integrity = s.integrity_hashes?.length
        ? ` integrity="${attribute(s.integrity_hashes.join(' '))}" crossorigin="anonymous"`
        : '';
      const load = s.load_method && s.load_method !== 'default' ? ` ${s.load_method}` : '';
      return `<script src="${attribute(s.src ?? '')}"${integrity}${load}></script>`;
    })
    .join('\n');
}
