export { errorResponses, toErrorResponse } from './error-responses';
export { httpHandler, type HttpFunction, type HttpHandlerOptions } from './handler';
export { pagedRoute, pageQuery } from './page-query';
export { preflightHandler } from './preflight';
export { bodyOf, idempotencyKeyOf, identityOf, queryOf, validate } from './request';
export { created, ok } from './response';
export { z } from '../config';
