export { errorResponses, toErrorResponse } from './error-responses';
export { httpHandler, type HttpFunction } from './handler';
export { pageQuery } from './page-query';
export { preflightHandler } from './preflight';
export { bodyOf, idempotencyKeyOf, identityOf, MAX_BODY_BYTES, queryOf, validate } from './request';
export { created, errorBody, HttpError, json, ok } from './response';
export { z } from '../config';
