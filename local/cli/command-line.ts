// The command line of every ops CLI, one way: `--help` prints the usage, a bad flag or value is one
// line on stderr plus the usage (exit 2), an unreachable endpoint is named (exit 1). Never a stack.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

interface CommandLine<O extends Options> {
  values: Parsed<O>['values'];
  positionals: string[];
  /** Exits 2 with `<name>: <message>` and the usage. */
  fail(message: string): never;
  /**
   * Exits 1 with one line when `error` is a refused connection (naming the endpoint) or a store
   * token out of reach (naming TOKEN_KEY_ID); returns otherwise.
   */
  exitIfUnreachable(error: unknown): void;
  /** The store to work on (`--store`, or a default); exits 2 when there is none or it is not a store hash. */
  storeHash(store: string | undefined): string;
}

/** Which endpoint a refused connection was for ("DynamoDB at http://…"), or undefined for other errors. */
function unreachableEndpoint(error: unknown): string | undefined {
  type Refused = { code?: string; address?: string; port?: number; cause?: Refused };
  const e = error as Refused;
  const refused = e.code === 'ECONNREFUSED' ? e : e.cause?.code === 'ECONNREFUSED' ? e.cause : undefined;
  if (!refused) return undefined;
  const endpoints = { DynamoDB: process.env.DYNAMODB_ENDPOINT, BigCommerce: process.env.BC_API_URL };
  for (const [name, url] of Object.entries(endpoints)) {
    if (url && Number(new URL(url).port) === refused.port) return `${name} at ${url}`;
  }
  return `${refused.address ?? 'an endpoint'}:${refused.port ?? '?'}`;
}

/**
 * Parses `process.argv` (or `args`) with `options` plus `--help`; `usage` is the whole usage text.
 * Positional arguments are refused unless `positionals` is set.
 * @example const cli = commandLine('token', 'usage: npm run token -- --customer <id>', { customer: { type: 'string' } });
 */
export function commandLine<O extends Options>(
  name: string,
  usage: string,
  options: O,
  { positionals = false, args = process.argv.slice(2) } = {},
): CommandLine<O> {
  const fail = (message: string): never => {
    console.error(`${name}: ${message}\n${usage}`);
    process.exit(2);
  };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs explains at length how to pass a value starting with '-'; the first sentence says it.
    return fail((error as Error).message.split(/\. (?=[A-Z])/)[0]!);
  }
  if (parsed.values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (!positionals && parsed.positionals.length) fail(`unexpected argument ${parsed.positionals[0]}`);
  return {
    values: parsed.values as Parsed<O>['values'],
    positionals: parsed.positionals,
    fail,
    exitIfUnreachable(error) {
      // The store's token is out of reach: the operator's environment lacks the vault's key.
      if ((error as Error | undefined)?.name === 'TokenVaultMissing') {
        console.error(`${name}: ${(error as Error).message}`);
        process.exit(1);
      }
      const endpoint = unreachableEndpoint(error);
      if (!endpoint) return;
      console.error(`${name}: cannot reach ${endpoint} — is \`npm start\` running?`);
      process.exit(1);
    },
    storeHash(store) {
      const storeHash = store ?? fail('--store <hash> is required');
      if (!/^[a-z0-9]{1,32}$/.test(storeHash)) fail('--store must be a store hash (lowercase letters and digits)');
      return storeHash;
    },
  };
}
