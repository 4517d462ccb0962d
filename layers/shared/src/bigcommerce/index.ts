// BigCommerce's Management API as the layer uses it: one retrying, rate-limited client per store,
// and one typed function per call (named after the operation in the vendored OpenAPI files).
export { type BigCommerceClient, type BigCommerceClientOptions, BigCommerceError, bigCommerceClient } from './client';
export {
  type AttributeValue,
  type AttributeValueInput,
  type CustomerAttribute,
  ensureAttribute,
  findAttributeByName,
  forgetAttribute,
  listAttributeValues,
  MAX_VALUES_PER_UPSERT,
  upsertAttributeValues,
} from './customer-attributes';
export { type Customer, type CustomerFilter, findCustomers } from './customers';
export { ensureHooks, type Hook, listHooks, removeHooks } from './hooks';
export { ensureScript, listScripts, removeScript, type Script, type ScriptInput } from './scripts';
export {
  type BigCommerceOrder,
  getOrder,
  getOrderCoupons,
  listOrdersPage,
  ORDERS_PAGE_LIMIT,
  type OrderCoupon,
  type OrdersFilter,
} from './orders';
export {
  type CodeOutcome,
  createCouponCode,
  createCouponPromotion,
  type Promotion,
  type PromotionInput,
  type PromotionRule,
  updateCouponPromotion,
} from './promotions';
export { requireStoreClient, storeClient } from './store-client';
