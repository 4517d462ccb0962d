// What an install sets up in the store and an uninstall removes (DESIGN §12): the points
// attribute, the order webhooks to this API (with the secret header), the storefront widget's
// script. Each step is tried on its own and its failure recorded, so a failed step never loses
// the install: the store record shows it, and the next install or `npm run bc:setup` completes it.
import {
  type BigCommerceClient,
  ensureAttribute,
  ensureHooks,
  ensureScript,
  removeHooks,
  removeScript,
  type ScriptInput,
} from '../bigcommerce';
import { ORDER_SCOPES } from '../orders/order-events';
import type { StepsReport } from '../stores';

/** The name of the widget's script in the store (Script Manager shows it). */
export const WIDGET_SCRIPT_NAME = 'bc-loyalty widget';

/** What a store is set up with. */
export interface StoreSetup {
  pointsAttribute: string;
  /** Where order webhooks go: {API}/webhooks/bigcommerce. */
  webhookUrl: string;
  webhookSecret: string;
  widget: ScriptInput;
}

async function runSteps(steps: Record<string, () => Promise<unknown>>, now: () => Date): Promise<StepsReport> {
  const failed: StepsReport['failed'] = [];
  for (const [step, run] of Object.entries(steps)) {
    try {
      await run();
    } catch (error) {
      // BigCommerce's status and title (the client's message never carries the token).
      failed.push({ step, message: (error as Error).message.slice(0, 300) });
    }
  }
  return { at: now().toISOString(), failed };
}

/** Creates or corrects the attribute, the order webhooks and the widget's script; idempotent. */
export function setUpStore(client: BigCommerceClient, setup: StoreSetup, now = () => new Date()): Promise<StepsReport> {
  return runSteps(
    {
      pointsAttribute: () => ensureAttribute(client, setup.pointsAttribute, 'number'),
      orderWebhooks: async () => {
        if (!setup.webhookSecret) throw new Error('the app secret has no webhookSecret');
        await ensureHooks(client, [...ORDER_SCOPES], setup.webhookUrl, { 'X-Webhook-Secret': setup.webhookSecret });
      },
      widgetScript: () => ensureScript(client, setup.widget),
    },
    now,
  );
}

/**
 * Removes what the install created that would act without us: the order webhooks and the widget's
 * script (the attribute stays: it holds the merchant's data). Best effort, with the token still valid.
 */
export function tearDownStore(
  client: BigCommerceClient,
  webhookUrl: string,
  now = () => new Date(),
): Promise<StepsReport> {
  return runSteps(
    {
      orderWebhooks: () => removeHooks(client, webhookUrl),
      widgetScript: () => removeScript(client, WIDGET_SCRIPT_NAME),
    },
    now,
  );
}
