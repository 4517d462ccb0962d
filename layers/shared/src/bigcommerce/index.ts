export { bigCommerceClient, BigCommerceError, type BigCommerceClient, type BigCommerceClientOptions } from './client';
export * from './customer-attributes';
export { ensureHooks, listHooks, type Hook } from './hooks';
export { ensureScript, listScripts, removeScript, type Script, type ScriptInput } from './scripts';
export { getOrder, getOrderCoupons, type BigCommerceOrder, type OrderCoupon } from './orders';
export {
  createCouponCode,
  createCouponPromotion,
  updateCouponPromotion,
  type CodeOutcome,
  type Promotion,
  type PromotionInput,
  type PromotionRule,
} from './promotions';
export { storeClient } from './store-client';
