export { decide, type EarningRule, type OrderSnapshot } from './earning-rule';
export { ceilShare, discountedSubtotal, floorProduct } from './decimal';
export {
  isAuthenticWebhook,
  ORDER_SCOPES,
  orderCallbackSchema,
  recordOrderEvent,
  storeOfCallback,
  type OrderCallback,
  type OrderEvent,
} from './order-events';
export { readOrderRecord } from './order-record';
export { planOrderLookups, type IdRange, type LookupPlan } from './lookup-plan';
export { type BatchEvent, type BatchResult, type OrderResult, processOrderBatch } from './process-order-batch';
export { reconcileOrder } from './reconcile-order';
export { redriveOrderEvents, type RedriveReport, type StoredOrderEvent } from './redrive';
export { orderEventOf } from './stream-events';
