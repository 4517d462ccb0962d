// Checks a response against docs/openapi.yaml, so the published contract and the code agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { repoRoot } from '../../local/paths';

const spec = parse(readFileSync(join(repoRoot, 'docs', 'openapi.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv); // date-time and friends are checked, not ignored
ajv.addSchema(spec, 'openapi');
const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** The documented path a concrete one matches (`/admin/customers/42` → `/admin/customers/{id}`). */
function documentedPath(path: string): string {
  if (spec.paths[path]) return path;
  const matches = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path);
  return Object.keys(spec.paths).find(matches) ?? path;
}

/** Throws unless the body matches the documented schema for this route and status. */
export function assertMatchesSpec(method: string, concretePath: string, status: number, bodyText: string): void {
  const path = documentedPath(concretePath);
  const operation = spec.paths[path]?.[method.toLowerCase()];
  if (!operation) return; // not an API route: API Gateway's own answer (e.g. Missing Authentication Token)
  const response = operation.responses[String(status)] as { $ref?: string } | undefined;
  if (!response) throw new Error(`${method} ${path} answered ${status}, which docs/openapi.yaml does not document`);
  const ref = response.$ref
    ? `openapi#/${pointer(...response.$ref.slice(2).split('/'))}/content/application~1json/schema`
    : `openapi#/${pointer('paths', path, method.toLowerCase(), 'responses', String(status))}/content/application~1json/schema`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  const body: unknown = JSON.parse(bodyText);
  if (!validate(body))
    throw new Error(
      `${method} ${path} ${status} does not match docs/openapi.yaml: ${ajv.errorsText(validate.errors)}\n${bodyText}`,
    );
}
