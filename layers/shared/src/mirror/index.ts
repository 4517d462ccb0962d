export { mirrorBalances, mirrorCustomers, type AccountChange, type MirrorOutcome } from './mirror-balances';
export { describeRebuild, type RebuildEstimate, rebuildEstimator, tableItemCount } from './rebuild-eta';
export { rebuildMirror, type RebuildOptions, type RebuildProgress } from './rebuild-mirror';
export { accountChangesOf } from './stream-records';
