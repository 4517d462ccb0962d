// `sam build` of AppAuthFunction (template.yaml: BuildMethod makefile → Makefile → this script):
// the function bundled as the other functions are (esbuild, CommonJS, the layer external), with
// widget-code.ts replaced by the built widget's code, so the install carries the widget it installs.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { bundleHandler } from '../../local/function-bundle';
import { buildWidget } from '../../storefront/build';

const here = dirname(fileURLToPath(import.meta.url));

/** Builds the function into `outDir`/index.js; answers the file. */
export async function buildFunction(outDir: string): Promise<string> {
  const code = readFileSync((await buildWidget()).file, 'utf8');
  const bundledWidget: Plugin = {
    name: 'bundled-widget',
    setup(b) {
      b.onResolve({ filter: /\/widget-code$/ }, () => ({ path: 'widget-code', namespace: 'bundled-widget' }));
      b.onLoad({ filter: /.*/, namespace: 'bundled-widget' }, () => ({
        contents: `export const widgetCode = async () => ${JSON.stringify(code)};`,
        loader: 'js',
      }));
    },
  };
  return bundleHandler(join(here, 'index.ts'), join(outDir, 'index.js'), [bundledWidget]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = await buildFunction(resolve(process.argv[2] ?? join(here, '..', '..', '.aws-sam', 'app-auth')));
  console.log(`app-auth built: ${file}`);
}
