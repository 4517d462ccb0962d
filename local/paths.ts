import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding template.yaml). */
export const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
