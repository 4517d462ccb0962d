// Checks sandbox traffic against BigCommerce's own OpenAPI files (vendored in local/vendor/bigcommerce-specs) with
// openapi-backend: a request the real API would reject is rejected, and every response the sandbox
// sends must match the documented schema (a mismatch is a sandbox bug, answered with a loud 500).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Operation, type Request } from 'openapi-backend';
import { repoRoot } from '../paths';

export const specsDir = join(repoRoot, 'local', 'vendor', 'bigcommerce-specs');

/** Format names BigCommerce's specs use beyond JSON Schema's own (carts.sf.yml, current_customer.yml), checked as they read. */
const BIGCOMMERCE_FORMATS: Record<string, RegExp> = {
  jwt: /^[\w-]+\.[\w-]+\.[\w-]*$/,
  UUID: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'ISO-8601': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  'ISO-4217': /^[A-Z]{3}$/,
};

export interface ValidationProblem {
  where: string;
  message: string;
}

export class SpecValidator {
  private constructor(private readonly apis: OpenAPIBackend[]) {}

  static async load(files: string[]): Promise<SpecValidator> {
    const apis = await Promise.all(
      files.map(async (file) => {
        const definition = join(specsDir, file);
        if (!existsSync(definition)) throw new Error(`BigCommerce spec not found: ${definition}`);
        const api = new OpenAPIBackend({
          definition,
          strict: false,
          quick: true,
          validate: true,
          // Patterns are read as JavaScript reads them: promotions.v3.yml's code pattern '[a-zA-Z0-9_\ -]' and
          // checkouts.sf.yml's phone pattern (`\d{1-5}`) are not valid Unicode-mode regexps.
          ajvOpts: { unicodeRegExp: false },
          customizeAjv: (ajv) => {
            addFormats(ajv);
            for (const [name, pattern] of Object.entries(BIGCOMMERCE_FORMATS)) ajv.addFormat(name, pattern);
            return ajv;
          },
        });
        await api.init();
        return api;
      }),
    );
    return new SpecValidator(apis);
  }

  /** The documented operation for a request, or undefined when no spec has it. */
  match(request: Request): { api: OpenAPIBackend; operation: Operation } | undefined {
    for (const api of this.apis) {
      const operation = api.matchOperation(request);
      if (operation) return { api, operation };
    }
    return undefined;
  }

  validateRequest(api: OpenAPIBackend, operation: Operation, request: Request): ValidationProblem[] {
    const result = api.validateRequest(request, operation);
    return (result.errors ?? []).map((e) => ({ where: e.instancePath || '/', message: e.message ?? 'invalid' }));
  }

  validateResponse(api: OpenAPIBackend, operation: Operation, status: number, body: unknown): ValidationProblem[] {
    const result = api.validateResponse(body, operation, status);
    return (result.errors ?? []).map((e) => ({ where: e.instancePath || '/', message: e.message ?? 'invalid' }));
  }
}
