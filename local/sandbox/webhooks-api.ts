// Webhooks of the Management API (webhooks.v3.yml): the hooks the sandbox delivers callbacks to
// (webhook-delivery.ts).
import { collection, type Handler, unprocessable } from './api-result';
import type { SandboxHook } from './store-records';

const hookBody = (hook: SandboxHook) => ({ data: hook, meta: {} });
const NOT_FOUND = { status: 404, body: { status: 404, title: 'Webhook not found', type: '' } };

export const webhookHandlers: Record<string, Handler> = {
  getWebhooks: (state) => collection(state.hooks),
  getWebhook: (state, _q, _b, params) => {
    const hook = state.hooks.find((h) => h.id === Number(params.webhook_id));
    return hook ? { status: 200, body: hookBody(hook) } : NOT_FOUND;
  },
  createWebhooks: (state, _q, body, _p, storeHash) => {
    const input = body as {
      scope?: string;
      destination?: string;
      is_active?: boolean;
      headers?: Record<string, string>;
    };
    if (!input.scope || !input.destination) return unprocessable('scope and destination are required');
    const now = Math.floor(Date.now() / 1000);
    const hook: SandboxHook = {
      id: state.newId(),
      client_id: 'sandbox-app',
      store_hash: storeHash,
      scope: input.scope,
      destination: input.destination,
      is_active: input.is_active ?? true,
      headers: input.headers ?? {},
      created_at: now,
      updated_at: now,
    };
    state.hooks.push(hook);
    return { status: 200, body: hookBody(hook) };
  },
  updateWebhook: (state, _q, body, params) => {
    const hook = state.hooks.find((h) => h.id === Number(params.webhook_id));
    if (!hook) return NOT_FOUND;
    Object.assign(hook, body as Partial<SandboxHook>, { updated_at: Math.floor(Date.now() / 1000) });
    return { status: 200, body: hookBody(hook) };
  },
  deleteWebhook: (state, _q, _b, params) => {
    const hook = state.hooks.find((h) => h.id === Number(params.webhook_id));
    if (!hook) return NOT_FOUND;
    state.hooks = state.hooks.filter((h) => h !== hook);
    return { status: 200, body: hookBody(hook) };
  },
};
