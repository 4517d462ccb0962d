// Builds the Lambda layer: one CommonJS bundle per subpath export of @bc-loyalty/shared, under
// <out>/nodejs/node_modules/@bc-loyalty/shared (Lambda puts /opt/nodejs/node_modules on NODE_PATH).
// An import of another subpath stays a require of that subpath, so each module (and each library
// it bundles: zod in config, jose in identity, the DynamoDB client in ledger…) exists once.
// Cold start is mostly parsing: the AWS SDK is bundled from its ES builds (tree-shakable, ~40% smaller
// than the CommonJS ones) and with the Lambda-only credential provider of lambda-credentials.ts.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string>;
};
const subpaths = Object.entries(pkg.exports).map(([key, file]) => ({ name: key.slice(2), file: resolve(here, file) }));

const siblingSubpaths: Plugin = {
  name: 'sibling-subpaths',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const target = resolve(args.resolveDir, args.path);
      const sibling = subpaths.find((s) => s.file === `${target}.ts` || s.file === join(target, 'index.ts'));
      // A relative require of the sibling file: Node loads it without searching NODE_PATH and reading
      // the package's exports map again for every subpath (a few ms of each cold start).
      return sibling ? { path: `./${sibling.name}.cjs`, external: true } : undefined;
    });
  },
};

export async function buildLayer(artifactsDir: string): Promise<string> {
  const outDir = join(artifactsDir, 'nodejs', 'node_modules', ...pkg.name.split('/'));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(subpaths.map((s) => [s.name, s.file])),
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    mainFields: ['module', 'main'],
    alias: { '@aws-sdk/credential-provider-node': join(here, 'lambda-credentials.ts') },
    // Loaded by the SDK only for event-stream operations, which DynamoDB and Secrets Manager do not have.
    external: ['@smithy/core/event-streams'],
    plugins: [siblingSubpaths],
    logLevel: 'warning',
  });
  const exportsMap = Object.fromEntries(subpaths.map((s) => [`./${s.name}`, `./${s.name}.cjs`]));
  writeFileSync(
    join(outDir, 'package.json'),
    `${JSON.stringify({ name: pkg.name, private: true, exports: exportsMap }, null, 2)}\n`,
  );
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2] ?? join(here, '..', '..', '.aws-sam', 'layer');
  const outDir = await buildLayer(resolve(target));
  console.log(`layer built in ${outDir}`);
}
