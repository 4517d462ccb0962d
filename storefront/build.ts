// Builds the storefront widget into one minified script: storefront/dist/bc-loyalty-widget.js.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
export const widgetFile = join(here, 'dist', 'bc-loyalty-widget.js');

export async function buildWidget(): Promise<{ file: string; bytes: number; gzipBytes: number }> {
  mkdirSync(dirname(widgetFile), { recursive: true });
  await build({
    entryPoints: [join(here, 'src', 'widget.ts')],
    outfile: widgetFile,
    bundle: true,
    format: 'iife',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const code = readFileSync(widgetFile);
  return { file: widgetFile, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { file, bytes, gzipBytes } = await buildWidget();
  console.log(`${file}: ${bytes} bytes, ${gzipBytes} bytes gzipped`);
}
