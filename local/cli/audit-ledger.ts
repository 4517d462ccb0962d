// npm run audit:ledger — checks every account: balance = sum of its ledger entries, version = entry
// count, balanceAfter chain, no redemption below zero, every reward redemption with exactly one code
// or one restore. Exit 1 when anything is off.
// Local stack by default; AWS with APP_SECRET_ARN / TABLE_NAME / AWS_REGION set.
import { commandLine } from './command-line';
import { useCliEnvironment } from './environment';

const cli = commandLine('audit:ledger', 'usage: npm run audit:ledger', {});
useCliEnvironment();
const { auditLedger, pointsTable } = await import('@bc-loyalty/shared/ledger');
const table = pointsTable();
try {
  const report = await auditLedger(table, (n) => process.stdout.write(`\r${n} accounts checked`));
  console.log(
    `\n${report.accounts} accounts, ${report.entries} ledger entries, ${report.redemptions} reward redemptions, ${report.findings.length} findings`,
  );
  for (const f of report.findings) console.log(`  ${f.pk}: ${f.problem}`);
  process.exit(report.findings.length ? 1 : 0);
} catch (error) {
  cli.exitIfUnreachable(error);
  throw error;
}
