// npm run mirror:rebuild -- --store <hash> [--restart]
// Re-mirrors every account of the store from the ledger into BigCommerce (10 per call, at the
// mirror's priority of the store's request budget), resuming an unfinished run from its checkpoint
// in the table. Local stack by default; AWS when APP_SECRET_ARN (and TABLE_NAME…) are set.
import { commandLine } from './command-line';
import { useCliEnvironment } from './environment';

const USAGE = `usage: npm run mirror:rebuild -- --store <hash> [--resume | --restart]
  --resume   go on from the checkpoint of an unfinished run (the default when there is one)
  --restart  start over from the first account`;
const cli = commandLine('mirror:rebuild', USAGE, {
  store: { type: 'string' },
  resume: { type: 'boolean' },
  restart: { type: 'boolean' },
});
if (cli.values.resume && cli.values.restart) cli.fail('--resume and --restart exclude each other');
const { defaultStore } = useCliEnvironment();
const storeHash = cli.storeHash(cli.values.store ?? defaultStore);

const { describeRebuild, rebuildEstimator, rebuildMirror, tableItemCount } = await import('@bc-loyalty/shared/mirror');
const table = (await import('@bc-loyalty/shared/ledger')).pointsTable();
const { settings } = await import('@bc-loyalty/shared/config');
const { budgetOf } = await import('@bc-loyalty/shared/quota');
const started = Date.now();
try {
  const estimate = rebuildEstimator(await tableItemCount(table));
  const result = await rebuildMirror(table, storeHash, {
    restart: cli.values.restart,
    onProgress: (p) => process.stdout.write(`\r${describeRebuild(p, estimate(p))}   `),
  });
  if (result.failed > 0) {
    console.error(
      `\nmirror:rebuild: ${result.failed} customer(s) of ${storeHash} could not be mirrored to BigCommerce at ${settings().bcApiUrl}; see the log above and run again (it resumes at that page)`,
    );
    process.exit(1);
  }
  const { granted, refused, demand, units } = budgetOf(storeHash).writes;
  console.log(
    `\nrebuilt the mirror of ${storeHash}: ${result.mirrored} customers (${result.rewritten} rewritten as they changed meanwhile) in ${((Date.now() - started) / 1000).toFixed(1)} s; ${granted + refused + demand} budget writes for ${units} BigCommerce calls`,
  );
} catch (error) {
  cli.exitIfUnreachable(error);
  throw error;
}
