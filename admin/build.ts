// Builds the admin UI (React + BigDesign) with esbuild: one minified, tree-shaken ES module with a
// content hash in its name, and `admin.js`, the fixed entry the shell page loads, importing it.
// `node --import tsx admin/build.ts` builds admin/dist (what the local stack serves) and prints the
// sizes; sam build puts the same files beside the handler (functions/admin-ui/build.ts).
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
export const adminDistDir = join(here, 'dist');
const ENTRY = 'admin.js';

export interface AdminBuild {
  dir: string;
  /** The hashed bundle's name (what admin.js imports). */
  bundle: string;
  bytes: number;
  gzipBytes: number;
}

/** Writes a file whole or not at all: parallel test files may build into the same folder. */
function writeAtomically(file: string, contents: Uint8Array | string): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

/** Builds the UI into `dir` and removes what earlier builds left there. */
export async function buildAdminUi(dir = adminDistDir): Promise<AdminBuild> {
  const result = await build({
    entryPoints: { admin: join(here, 'src', 'main.tsx') },
    outdir: dir,
    entryNames: '[name]-[hash]',
    bundle: true,
    write: false,
    format: 'esm',
    target: ['chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    minify: true,
    // React's production build: no dev warnings, no prop-type checks.
    define: { 'process.env.NODE_ENV': '"production"' },
    // The libraries' license notices, kept beside the bundle rather than in it.
    legalComments: 'linked',
    logLevel: 'warning',
  });
  mkdirSync(dir, { recursive: true });
  const files = result.outputFiles.map((f) => ({ name: basename(f.path), contents: f.contents }));
  const bundle = files.find((f) => f.name.endsWith('.js'));
  if (!bundle) throw new Error('admin build: esbuild wrote no bundle');
  files.push({ name: ENTRY, contents: Buffer.from(`import './${bundle.name}';\n`) });
  for (const f of files) writeAtomically(join(dir, f.name), f.contents);
  const current = new Set(files.map((f) => f.name));
  for (const name of readdirSync(dir))
    if (!current.has(name) && !name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
  return {
    dir,
    bundle: bundle.name,
    bytes: bundle.contents.length,
    gzipBytes: gzipSync(bundle.contents, { level: 9 }).length,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildAdminUi();
  console.log(`${join(built.dir, built.bundle)}: ${built.bytes} bytes, ${built.gzipBytes} bytes gzipped`);
}
