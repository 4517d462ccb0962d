// The shapes of the /admin/* API (the admin API contract), as the UI reads them: the answers of the
// admin API's own functions (type-only imports: nothing of the layer enters the browser bundle).
import type { Adjusted } from '../../layers/shared/src/admin/adjust';
import type { CustomerSummary, customerDetail } from '../../layers/shared/src/admin/customers';
import type { EarningView } from '../../layers/shared/src/admin/earning-settings';
import type { installationHealth } from '../../layers/shared/src/admin/health';
import type { overview } from '../../layers/shared/src/admin/overview';
import type { AdminBoot } from '../../layers/shared/src/app/pages';
import type { LedgerEntry } from '../../layers/shared/src/ledger/model';
import type { Reward, RewardDiscount } from '../../layers/shared/src/rewards/model';

export type { Adjusted as Adjustment, CustomerSummary, EarningView as EarningSettings, LedgerEntry, RewardDiscount };
export type Overview = Awaited<ReturnType<typeof overview>>;
export type CustomerDetail = Awaited<ReturnType<typeof customerDetail>>;
export type Health = Awaited<ReturnType<typeof installationHealth>>;

/** What the shell page (`/app/load`) hands the UI in `#bc-loyalty-admin`. */
export type ShellConfig = AdminBoot;

/** What the merchant saves on the Earning page. */
export type EarningValues = Omit<EarningView, 'defaults'>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A reward as the admin API answers it (the catalog's own shape, without the store). */
export type AdminReward = Omit<Reward, 'storeHash'>;

/** The fields a merchant sets on a reward (what `npm run rewards -- add` takes). */
export type RewardInput = Pick<AdminReward, 'id' | 'name' | 'pointsCost' | 'discount'> & {
  minimumSubtotal?: string;
  active?: boolean;
};
