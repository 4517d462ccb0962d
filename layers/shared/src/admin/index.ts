// The merchant's admin (DESIGN §12): what the /admin/* routes do, over the ledger, the rewards
// catalog, the store record and BigCommerce; every write with its audit item.
export { type Adjusted, adjustPoints } from './adjust';
export { type AuditItem, listAudit } from './audit';
export { customerDetail, type CustomerSummary, searchCustomers } from './customers';
export { earningSettings, earningSettingsInput, type EarningView, saveEarningSettings } from './earning-settings';
export { type HealthSources, installationHealth } from './health';
export { overview } from './overview';
export { addAdminReward, changeAdminReward } from './rewards';
