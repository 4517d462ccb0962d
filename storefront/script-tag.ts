// The widget as the Scripts API installs it: one inline `<script>` (kind script_tag) in the footer
// of storefront pages, carrying its configuration in data-config. Inline, because a few-KB widget
// is cheaper in the page than in a second request (docs/storefront.md has the numbers). Pure: the
// install function of the app (functions/app-auth) bundles it with the built widget's code.
import { WIDGET_SCRIPT_NAME } from '@bc-loyalty/shared/app';
import type { ScriptInput } from '@bc-loyalty/shared/bigcommerce';
import type { WidgetConfig } from './src/config';

export { WIDGET_SCRIPT_NAME };
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

/** The script to install for the widget's `code`, within the Scripts API's size limit. */
export function widgetScriptOf(code: string, config: Partial<WidgetConfig>): ScriptInput {
  const html = widgetScriptTag(code, config);
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
