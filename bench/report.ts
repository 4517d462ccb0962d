// docs/benchmarks.md holds the full run's sections (bench/run.ts rewrites them) and one section per
// named bench (`npm run bench -- <name>`), which each named bench replaces on its own.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../local/paths';

const BENCHMARKS = join(repoRoot, 'docs', 'benchmarks.md');
/** A named bench's section: its heading names its command. */
const NAMED = /^## .*\(`npm run bench -- \w[\w-]*`\)$/;

/** The sections of docs/benchmarks.md, each from its `## ` heading to the next. */
function sections(md: string): string[] {
  return md.split(/\n(?=## )/);
}

/** Replaces (or appends) the section whose heading starts with `## ${title}`. */
export function replaceSection(title: string, body: string): void {
  const md = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8').trimEnd() : '# Benchmarks';
  const parts = sections(md).filter((s) => !s.startsWith(`## ${title}`));
  writeFileSync(BENCHMARKS, `${[...parts, body.trimEnd()].join('\n')}\n`);
}

/** The named benches' sections of docs/benchmarks.md, for the full run to keep after its own. */
export function namedSections(): string {
  if (!existsSync(BENCHMARKS)) return '';
  const kept = sections(readFileSync(BENCHMARKS, 'utf8').trimEnd()).filter((s) => NAMED.test(s.split('\n')[0]!));
  return kept.length ? `\n${kept.join('\n')}\n` : '';
}
