export { mirrorBalances, mirrorCustomers, type AccountChange, type MirrorOutcome } from './mirror-balances';
export { rebuildMirror, type RebuildOptions, type RebuildProgress } from './rebuild-mirror';
export { accountChangesOf } from './stream-records';
