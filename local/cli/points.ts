// npm run points -- adjust --store <hash> --customer <id> --points <±n> --reason <text>
// npm run points -- show --store <hash> --customer <id>
// Works on the table of the running local stack (same settings as npm start), through the ledger.
import { localSettings } from '../settings';
import { commandLine } from './command-line';
import { useCliEnvironment } from './environment';

const usage =
  'usage: npm run points -- adjust --store <hash> --customer <id> --points <±n> --reason <text>\n' +
  '       npm run points -- show   --store <hash> --customer <id>';
// `--points -50` reads naturally; parseArgs wants `--points=-50`, so join a negative value first.
const args = process.argv
  .slice(2)
  .flatMap((arg, i, all) =>
    arg === '--points' && /^-\d+$/.test(all[i + 1] ?? '')
      ? []
      : /^-\d+$/.test(arg) && all[i - 1] === '--points'
        ? [`--points=${arg}`]
        : [arg],
  );
const text = { type: 'string' } as const;
const cli = commandLine(
  'points',
  usage,
  { store: text, customer: text, points: text, reason: text },
  { args, positionals: true },
);
const { values, positionals, fail } = cli;

const settings = localSettings();
useCliEnvironment();

const { applyPointsChange, getAccount, pointsTable } = await import('@bc-loyalty/shared/ledger');
const table = pointsTable();
const { DomainError } = await import('@bc-loyalty/shared/errors');

const command = positionals[0];
const customerId = Number(values.customer);
if (!Number.isSafeInteger(customerId) || customerId <= 0) fail('--customer must be a positive integer');
const storeHash = cli.storeHash(values.store ?? settings.storeHash);
const customer = { storeHash, customerId };

try {
  if (command === 'adjust') {
    const points = Number(values.points);
    if (!Number.isSafeInteger(points) || points === 0 || Math.abs(points) > 1_000_000_000)
      fail('--points must be a non-zero integer');
    const reason = values.reason?.trim() || fail('--reason is required');
    await applyPointsChange(table, customer, { type: 'adjust', points, reason });
  } else if (command !== 'show') {
    fail(`unknown command ${command ?? '(none)'}`);
  }
  console.log(JSON.stringify(await getAccount(table, customer), null, 2));
} catch (error) {
  if (error instanceof DomainError) fail(error.message);
  cli.exitIfUnreachable(error);
  throw error;
}
