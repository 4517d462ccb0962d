// The deployable artifacts the artifacts test loads: what `sam build` left in .aws-sam/build (what
// `sam deploy` uploads) when that build exists and is newer than the sources; otherwise the same
// bundles built the same way by local/lambda-bundles.ts (the layer's build.ts, esbuild with each
// function's Metadata), so `npm test` on a machine without SAM CLI still proves the artifacts.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildArtifacts } from '../../local/lambda-bundles';
import { repoRoot } from '../../local/paths';
import { loadTemplate, type Template } from '../../local/template';

export interface Artifacts {
  /** Where they come from, for the test's title. */
  source: string;
  /** The layer's node_modules: /opt/nodejs/node_modules on Lambda. */
  layerNodePath: string;
  /** Function logical id → its handler file. */
  functions: Record<string, string>;
}

const SAM_BUILD_DIR = join(repoRoot, '.aws-sam', 'build');
/** What sam build reads: a build older than any of them would test yesterday's code. */
const SOURCES = [
  'template.yaml',
  'functions',
  join('layers', 'shared', 'src'),
  join('layers', 'shared', 'build.ts'),
  'Makefile',
  join('local', 'function-bundle.ts'),
  // Not admin/dist: the local stack rebuilds it on every start.
  join('admin', 'src'),
  join('admin', 'build.ts'),
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * The sam build output, copied out of the repo as Lambda unpacks it (/var/task, /opt): inside the
 * repo, the repo's package.json ("type": "module") would make Node read the CommonJS bundles as ESM.
 */
function samBuilt(outDir: string): Artifacts {
  const built = loadTemplate(join(SAM_BUILD_DIR, 'template.yaml'));
  const builtAt = statSync(join(SAM_BUILD_DIR, 'template.yaml')).mtimeMs;
  const stale = SOURCES.filter((s) => newestMtime(join(repoRoot, s)) > builtAt);
  if (stale.length) {
    throw new Error(
      `.aws-sam/build is older than ${stale.join(', ')}: run \`sam build\` again, or delete .aws-sam to test bundles built like it`,
    );
  }
  const functions: Record<string, string> = {};
  for (const [id, r] of Object.entries(built.Resources)) {
    if (r.Type !== 'AWS::Serverless::Function') continue;
    const [file] = String(r.Properties?.Handler).split('.');
    const task = join(outDir, 'task', id);
    cpSync(join(SAM_BUILD_DIR, String(r.Properties?.CodeUri)), task, { recursive: true });
    functions[id] = join(task, `${file}.js`);
  }
  const opt = join(outDir, 'opt');
  cpSync(join(SAM_BUILD_DIR, String(built.Resources.SharedLayer?.Properties?.ContentUri)), opt, { recursive: true });
  return { source: 'sam build (.aws-sam/build)', layerNodePath: join(opt, 'nodejs', 'node_modules'), functions };
}

/** The sam build output if there is one, else the same artifacts built into outDir. */
export async function artifactsUnderTest(template: Template, outDir: string): Promise<Artifacts> {
  if (existsSync(join(SAM_BUILD_DIR, 'template.yaml'))) return samBuilt(outDir);
  return {
    source: 'built like sam build by local/lambda-bundles.ts (no .aws-sam/build)',
    ...(await buildArtifacts(template, repoRoot, outDir)),
  };
}

/**
 * The Node binaries to load the artifacts with: this one, plus LAMBDA_NODE (.ci/run sets it to
 * Node 24, the template's nodejs24.x), each with its version.
 */
export function lambdaNodes(): { version: string; bin: string }[] {
  const bins = [process.execPath, ...(process.env.LAMBDA_NODE ? [process.env.LAMBDA_NODE] : [])];
  return bins.map((bin) => ({ bin, version: execFileSync(bin, ['--version']).toString().trim() }));
}
