export { mirrorBalances, type AccountChange, type MirrorOutcome } from './mirror-balances';
export { rebuildMirror, type RebuildProgress } from './rebuild-mirror';
export { accountChangesOf } from './stream-records';
