// `sam build` of AdminUiFunction (template.yaml: BuildMethod makefile → Makefile → this script):
// the handler bundled as the other functions are (esbuild, CommonJS), and the admin UI it serves
// built beside it in ui/ (admin/build.ts).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAdminUi } from '../../admin/build';
import { bundleHandler } from '../../local/function-bundle';

const here = dirname(fileURLToPath(import.meta.url));

/** Builds the function into `outDir` (index.js and ui/); answers the handler's file. */
export async function buildFunction(outDir: string): Promise<string> {
  const outfile = await bundleHandler(join(here, 'index.ts'), join(outDir, 'index.js'));
  await buildAdminUi(join(outDir, 'ui'));
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = await buildFunction(resolve(process.argv[2] ?? join(here, '..', '..', '.aws-sam', 'admin-ui')));
  console.log(`admin-ui built: ${file}`);
}
