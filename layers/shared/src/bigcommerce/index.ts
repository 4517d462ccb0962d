export { bigCommerceClient, BigCommerceError, type BigCommerceClient, type BigCommerceClientOptions } from './client';
export * from './customer-attributes';
export { ensureHooks, listHooks, type Hook } from './hooks';
export { getOrder, type BigCommerceOrder } from './orders';
