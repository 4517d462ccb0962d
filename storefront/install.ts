// The widget as the Scripts API installs it: one inline `<script>` (kind script_tag) in the footer
// of storefront pages, carrying its configuration in data-config. Inline, because a few-KB widget
// is cheaper in the page than in a second request (docs/storefront.md has the numbers).
import { readFileSync } from 'node:fs';
import type { ScriptInput } from '@bc-loyalty/shared/bigcommerce';
import { buildWidget } from './build';
import type { WidgetConfig } from './src/config';

export const WIDGET_SCRIPT_NAME = 'bc-loyalty widget';
/** The Scripts API's limit on `html`. */
export const SCRIPT_TAG_LIMIT = 65_536;

const attribute = (s: string) => s.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The store's earning rule as the widget tells shoppers (EARN_POINTS_PER_UNIT per unit of the store's currency). */
export function earnRule(pointsPerUnit = '1', currency = 'USD'): WidgetConfig['earn'] {
  return { points: Number(pointsPerUnit), per: 1, currency };
}

/** The `<script>` element: the minified widget, `</script` escaped so the HTML parser cannot end it early. */
export function widgetScriptTag(code: string, config: Partial<WidgetConfig>): string {
  const body = code.trim().replace(/<\/(script)/gi, '<\\/$1');
  return `<script data-config="${attribute(JSON.stringify(config))}">${body}</script>`;
}

/** Builds the widget and answers the script to install, within the Scripts API's size limit. */
export async function widgetScript(config: Partial<WidgetConfig>): Promise<ScriptInput> {
  const { file } = await buildWidget();
  const html = widgetScriptTag(readFileSync(file, 'utf8'), config);
  if (html.length > SCRIPT_TAG_LIMIT)
    throw new Error(`the widget is ${html.length} characters: more than a script_tag holds (${SCRIPT_TAG_LIMIT})`);
  return {
    name: WIDGET_SCRIPT_NAME,
    description: 'Loyalty points, rewards and codes for signed-in shoppers (bc-loyalty).',
    html,
    kind: 'script_tag',
    load_method: 'default',
    location: 'footer',
    visibility: 'storefront',
    // It sets no cookie and tracks nothing: the shopper's own points, asked for when the page shows them.
    consent_category: 'essential',
    auto_uninstall: true,
    enabled: true,
  };
}
