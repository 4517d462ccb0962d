// How a function's handler is bundled when its Makefile target builds it (BuildMethod makefile:
// functions/app-auth, functions/admin-ui): the options the other functions' esbuild Metadata give
// SAM, in one place.
import { build, type Plugin } from 'esbuild';

/** Bundles `entry` into `outfile` as Lambda runs it: CommonJS, minified, the layer external. */
export async function bundleHandler(entry: string, outfile: string, plugins: Plugin[] = []): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    minify: true,
    external: ['@bc-loyalty/shared', '@bc-loyalty/shared/*'],
    plugins,
    logLevel: 'warning',
  });
  return outfile;
}
