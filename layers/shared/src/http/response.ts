// The JSON responses of the API (DESIGN §5): always `no-store`, always JSON.
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ErrorCode } from '../errors';

const BASE_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };

/** A JSON response with `no-store`. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { ...BASE_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** 200 with a JSON body. */
export const ok = (body: unknown, headers?: Record<string, string>) => json(200, body, headers);
/** 201 with a JSON body. */
export const created = (body: unknown, headers?: Record<string, string>) => json(201, body, headers);

/** The API's error shape: `{"error":{"code","message"}}`. */
export function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}
