// Builds the deployment artifacts as `sam build` does, without SAM or Docker: the shared layer
// (Makefile → layers/shared/build.ts) and each function with the esbuild options in its Metadata.
// Used to prove the artifacts run with the layer on NODE_PATH, as on Lambda.
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { buildLayer } from '../layers/shared/build';
import type { Template } from './template';

interface BuildProperties {
  EntryPoints: string[];
  Format?: 'cjs' | 'esm';
  Target?: string;
  Minify?: boolean;
  External?: string[];
}

async function buildFunction(template: Template, logicalId: string, root: string, outDir: string): Promise<string> {
  const resource = template.Resources[logicalId];
  const props = resource?.Metadata?.BuildProperties as unknown as BuildProperties | undefined;
  if (!props) throw new Error(`${logicalId} has no esbuild BuildProperties`);
  // Entry points are relative to the function's CodeUri, as sam build reads them.
  const codeUri = String(resource?.Properties?.CodeUri ?? '.');
  const outfile = join(outDir, logicalId, 'index.js');
  if (resource?.Metadata?.BuildMethod === 'makefile') {
    // Its Makefile target runs the build.ts beside its entry point (e.g. functions/app-auth/build.ts).
    const script = join(root, codeUri, dirname(props.EntryPoints[0]!), 'build.ts');
    const { buildFunction: buildCustom } = (await import(script)) as {
      buildFunction: (dir: string) => Promise<string>;
    };
    return buildCustom(join(outDir, logicalId));
  }
  await build({
    entryPoints: props.EntryPoints.map((e) => join(root, codeUri, e)),
    outfile,
    bundle: true,
    platform: 'node',
    format: props.Format ?? 'cjs',
    target: props.Target ?? 'es2022',
    minify: props.Minify ?? false,
    external: props.External ?? [],
    logLevel: 'warning',
  });
  return outfile;
}

export async function buildArtifacts(template: Template, root: string, outDir: string) {
  const layerDir = join(outDir, 'SharedLayer');
  await buildLayer(layerDir);
  const functions: Record<string, string> = {};
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type === 'AWS::Serverless::Function') functions[id] = await buildFunction(template, id, root, outDir);
  }
  return { layerNodePath: join(layerDir, 'nodejs', 'node_modules'), functions };
}
