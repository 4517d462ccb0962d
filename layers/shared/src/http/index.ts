export { errorResponses, toErrorResponse } from './error-responses';
export { httpHandler, type HttpFunction, type HttpHandlerOptions } from './handler';
export { pagedRoute, pageQuery } from './page-query';
export { preflightHandler } from './preflight';
export {
  type AdminRef,
  adminIdentityOf,
  bodyOf,
  idempotencyKeyOf,
  identityOf,
  pathOf,
  queryOf,
  validate,
} from './request';
export { created, ok } from './response';
export { z } from '../config';
