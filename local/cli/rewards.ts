// npm run rewards -- list | add | update | disable | reissue — a store's rewards catalog (docs/rewards.md).
// Local stack by default; AWS with APP_SECRET_ARN / TABLE_NAME / AWS_REGION set.
import { commandLine } from './command-line';
import { useCliEnvironment } from './environment';

const usage = `usage: npm run rewards -- list    [--store <hash>]
       npm run rewards -- add     --id <slug> --name <text> --points <n> <discount> [--minimum <subtotal>] [--store <hash>]
       npm run rewards -- update  --id <slug> [--name <text>] [--points <n>] [<discount>] [--minimum <subtotal>] [--active true|false] [--store <hash>]
       npm run rewards -- disable --id <slug> [--store <hash>]
       npm run rewards -- reissue [--store <hash>]     (codes still pending: after dead letters or a long outage)
  <discount> is one of: --amount-off <5.00> | --percent-off <10> | --free-shipping`;

const cli = commandLine(
  'rewards',
  usage,
  {
    store: { type: 'string' },
    id: { type: 'string' },
    name: { type: 'string' },
    points: { type: 'string' },
    'amount-off': { type: 'string' },
    'percent-off': { type: 'string' },
    'free-shipping': { type: 'boolean' },
    minimum: { type: 'string' },
    active: { type: 'string' },
  },
  { positionals: true },
);
const { values, positionals } = cli;
const fail: (message: string) => never = cli.fail;

const { defaultStore } = useCliEnvironment();
const storeHash = cli.storeHash(values.store ?? defaultStore);

function discountOf(): object | undefined {
  const given = [
    values['amount-off'] && { type: 'fixed_amount', amount: values['amount-off'] },
    values['percent-off'] && { type: 'percentage', amount: values['percent-off'] },
    values['free-shipping'] && { type: 'free_shipping' },
  ].filter(Boolean);
  if (given.length > 1) fail('give one of --amount-off, --percent-off, --free-shipping');
  return given[0] || undefined;
}

function changesOf(): Record<string, unknown> {
  const points = values.points === undefined ? undefined : Number(values.points);
  if (values.active !== undefined && !['true', 'false'].includes(values.active)) fail('--active must be true or false');
  return Object.fromEntries(
    Object.entries({
      name: values.name,
      pointsCost: points,
      discount: discountOf(),
      minimumSubtotal: values.minimum,
      active: values.active === undefined ? undefined : values.active === 'true',
    }).filter(([, v]) => v !== undefined),
  );
}

const rewards = await import('@bc-loyalty/shared/rewards');
const table = (await import('@bc-loyalty/shared/ledger')).pointsTable();
const { DomainError } = await import('@bc-loyalty/shared/errors');
const { BigCommerceError } = await import('@bc-loyalty/shared/bigcommerce');
const command = positionals[0];
try {
  if (command === 'list') {
    const all = await rewards.listRewards(table, storeHash);
    if (all.length === 0) console.log(`no rewards in ${storeHash} yet: npm run rewards -- add --help`);
    for (const r of all) console.log(JSON.stringify(r));
  } else if (command === 'reissue') {
    console.log(JSON.stringify(await rewards.reissuePending(table, storeHash)));
  } else if (command === 'add' || command === 'update' || command === 'disable') {
    if (!values.id) fail('--id is required');
    const reward =
      command === 'add'
        ? await rewards.addReward(table, storeHash, { id: values.id, ...changesOf() })
        : command === 'update'
          ? await rewards.updateReward(table, storeHash, values.id, changesOf())
          : await rewards.disableReward(table, storeHash, values.id);
    console.log(JSON.stringify(reward, null, 2));
  } else {
    fail(`unknown command ${command ?? '(none)'}`);
  }
} catch (error) {
  if (error instanceof DomainError) fail(error.message);
  if (error instanceof BigCommerceError) fail(error.message);
  cli.exitIfUnreachable(error);
  throw error;
}
