// The shapes of the /admin/* API (the admin API contract), as the UI reads them.
import type { LedgerEntry } from '../../layers/shared/src/ledger/model';
import type { Reward, RewardDiscount } from '../../layers/shared/src/rewards/model';

export type { LedgerEntry, RewardDiscount };

/** What the shell page (`/app/load`) hands the UI in `#bc-loyalty-admin`. */
export interface ShellConfig {
  session: string;
  storeHash: string;
  user: { id: number; email: string | null };
  apiBase: string;
}

export interface Overview {
  members: number;
  pointsOutstanding: number;
  month: { start: string; earned: number; redeemed: number; reversed: number; adjusted: number };
  rewards: { issued: number; used: number };
}

export interface CustomerSummary {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  balance: number;
  lifetimeEarned: number;
}

export interface CustomerDetail {
  customer: { id: number; email: string; firstName: string; lastName: string };
  account: { balance: number; lifetimeEarned: number; lifetimeRedeemed: number; updatedAt: string | null };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Adjustment {
  entry: LedgerEntry;
  balance: number;
}

export interface EarningValues {
  pointsPerUnit: string;
  earnStatusIds: number[];
  reverseStatusIds: number[];
}

export interface EarningSettings extends EarningValues {
  defaults: EarningValues;
}

/** A reward as the admin API answers it (the catalog's own shape, without the store). */
export type AdminReward = Omit<Reward, 'storeHash'>;

/** The fields a merchant sets on a reward (what `npm run rewards -- add` takes). */
export type RewardInput = Pick<AdminReward, 'id' | 'name' | 'pointsCost' | 'discount'> & {
  minimumSubtotal?: string;
  active?: boolean;
};

export interface Health {
  webhooks: { registered: { scope: string; destination: string; active: boolean }[]; missing: string[] };
  script: { installed: boolean };
  mirror: { lagSeconds: number | null; deadLetters: number | null };
  // What the install could not do: a step name, or a step with its reason.
  setup: { failed: Array<string | { step?: string; message?: string }> };
}
