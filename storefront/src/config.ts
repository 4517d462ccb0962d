// The widget's configuration, from two places, later wins:
// 1. the install: `data-config` (JSON) on the widget's own script tag, written by `npm run bc:setup`
//    through the Scripts API (API URL, client id, earning rule, mode);
// 2. the merchant's theme: any `<script type="application/json" data-bc-loyalty-config>` block
//    (mode, target, messages, links) — how a merchant translates or re-words the widget.
import type { Messages } from './messages';

export interface WidgetConfig {
  apiUrl: string;
  clientId: string;
  /** inline: in `target` (or [data-bc-loyalty]); launcher: a floating button; auto: inline if the page has a target. */
  mode: 'auto' | 'inline' | 'launcher';
  target: string;
  /** The store's earning rule, shown to shoppers (the API has no settings route yet: the install writes it). */
  earn: { points: number; per: number; currency: string };
  loginUrl: string;
  createAccountUrl: string;
  history: number;
  messages: Partial<Messages>;
}

const DEFAULTS: WidgetConfig = {
  apiUrl: '',
  clientId: '',
  mode: 'auto',
  target: '[data-bc-loyalty]',
  earn: { points: 1, per: 1, currency: 'USD' },
  loginUrl: '/login.php',
  createAccountUrl: '/login.php?action=create_account',
  history: 5,
  messages: {},
};

function parse(json: string | undefined): Partial<WidgetConfig> {
  try {
    return json ? (JSON.parse(json) as Partial<WidgetConfig>) : {};
  } catch {
    console.warn('bc-loyalty: ignoring a configuration that is not valid JSON');
    return {};
  }
}

export function readConfig(script: HTMLScriptElement | null): WidgetConfig {
  const blocks = [...document.querySelectorAll<HTMLScriptElement>('script[data-bc-loyalty-config]')];
  const layers = [parse(script?.dataset.config), ...blocks.map((b) => parse(b.textContent ?? ''))];
  let config = DEFAULTS;
  for (const layer of layers) config = { ...config, ...layer, messages: { ...config.messages, ...layer.messages } };
  return { ...config, apiUrl: config.apiUrl.replace(/\/$/, '') };
}
