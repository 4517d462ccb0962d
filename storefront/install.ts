// The widget's script for the Scripts API, built from source (bc:setup, the local stack); the pure
// parts are in script-tag.ts.
import { readFileSync } from 'node:fs';
import type { ScriptInput } from '@bc-loyalty/shared/bigcommerce';
import { buildWidget } from './build';
import { widgetScriptOf } from './script-tag';
import type { WidgetConfig } from './src/config';

export { earnRule, SCRIPT_TAG_LIMIT, WIDGET_SCRIPT_NAME, widgetScriptTag } from './script-tag';

/** Builds the widget and answers the script to install, within the Scripts API's size limit. */
export async function widgetScript(config: Partial<WidgetConfig>): Promise<ScriptInput> {
  const { file } = await buildWidget();
  return widgetScriptOf(readFileSync(file, 'utf8'), config);
}
