export { mirrorBalances, type AccountChange, type MirrorOutcome } from './mirror-balances';
export { accountChangesOf } from './stream-records';
