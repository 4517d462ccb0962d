// The daily retention run (template.yaml: Schedule): deletes the data of stores uninstalled
// STORE_RETENTION_DAYS or more ago (docs/app.md, "Uninstall and retention"). It stops a minute
// before its timeout; the checkpoint in the table carries an unfinished purge to the next day.
import { settings } from '@bc-loyalty/shared/config';
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { logger, withLambdaContext } from '@bc-loyalty/shared/logger';
import { deadlineOf } from '@bc-loyalty/shared/retry';
import { purgeDueStores } from '@bc-loyalty/shared/stores';

const table = pointsTable();

export const handler = withLambdaContext(async (_event: unknown, context) => {
  const report = await purgeDueStores(table, {
    retentionDays: settings().storeRetentionDays,
    stopAfter: deadlineOf(context, 60_000, 600_000),
  });
  for (const store of report.stores) logger.info('store retention', { ...store });
  logger.info('store retention run', { resumed: report.resumed, scanned: report.scanned, done: report.done });
  return { done: report.done, stores: report.stores.length };
});
