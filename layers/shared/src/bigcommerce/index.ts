export { bigCommerceClient, BigCommerceError, type BigCommerceClient, type BigCommerceClientOptions } from './client';
export * from './customer-attributes';
export { StoreLimiter } from './store-limiter';
