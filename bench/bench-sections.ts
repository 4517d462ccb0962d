// Named benchmarks (npm run bench -- <name>) write their own section of docs/benchmarks.md between
// markers; the full `npm run bench` rewrites the file and keeps those sections.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../local/paths';

const FILE = join(repoRoot, 'docs', 'benchmarks.md');
const SECTION = /<!-- bench:([a-z-]+) -->[\s\S]*?<!-- \/bench:\1 -->\n?/g;

const wrap = (name: string, markdown: string) =>
  `<!-- bench:${name} -->\n${markdown.trim()}\n<!-- /bench:${name} -->\n`;

/** Replaces (or appends) the named section of docs/benchmarks.md. */
export function writeBenchSection(name: string, markdown: string): void {
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
  const pattern = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->\\n?`);
  const next = pattern.test(current)
    ? current.replace(pattern, wrap(name, markdown))
    : `${current.trimEnd()}\n\n${wrap(name, markdown)}`;
  writeFileSync(FILE, next);
}

/** The named sections docs/benchmarks.md holds now, to append to a regenerated file. */
export function keptBenchSections(): string {
  if (!existsSync(FILE)) return '';
  const sections = readFileSync(FILE, 'utf8').match(SECTION) ?? [];
  return sections.length ? `\n${sections.join('\n')}` : '';
}
