export { type AlsoWrite, addReward, disableReward, type RewardChanges, updateReward } from './catalog';
export { getReward, listRewards } from './catalog-store';
export { completeIssuance, redemptionRefOf, reissuePending, type RedemptionRef } from './complete-issuance';
export { couponCodeFor } from './coupon-code';
export { IN_REQUEST_ISSUE_MS, issueCoupon, tryIssueInRequest } from './issue-coupon';
export type { CouponStatus, Redemption, RedemptionView, Reward, RewardDiscount } from './model';
export { getRedemption, redeemReward, type RedeemedReward, type RedeemOutcome } from './redeem-reward';
export { listRedemptions, markCouponsUsed } from './redemptions';
export { rewardsFor, type RewardOffer } from './shopper-rewards';
