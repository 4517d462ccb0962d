export { errorResponses, toErrorResponse } from './error-responses';
export { httpHandler, type HttpFunction, type HttpHandlerOptions } from './handler';
export { preflightHandler } from './preflight';
export { bodyOf, idempotencyKeyOf, identityOf, MAX_BODY_BYTES, validate } from './request';
export { created, errorBody, HttpError, json, ok } from './response';
export { z } from '../config';
