// The error codes of the API, listed once (DESIGN §5), and the typed errors that carry them. Domain
// code and the HTTP layer throw these; http/error-responses.ts turns each code into its status and
// the `{"error":{"code","message"}}` body in one place.

/** Every `error.code` the API can answer with. */
export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'IDEMPOTENCY_KEY_REQUIRED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INSUFFICIENT_POINTS'
  | 'CONCURRENT_UPDATE'
  | 'REWARD_NOT_FOUND'
  | 'CUSTOMER_NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL_ERROR'
  | 'BIGCOMMERCE_REFUSED'
  | 'SERVICE_UNAVAILABLE';

/**
 * An error the caller can act on, with its API code; its message is shown to the client as is
 * (never put secrets or stack details in it). Anything else thrown becomes a 500 or 503.
 *
 * @example
 * throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** A debit larger than the balance (409 `INSUFFICIENT_POINTS`); `balance` is the balance read. */
export class InsufficientPoints extends DomainError {
  constructor(
    readonly balance: number,
    requested: number,
  ) {
    super('INSUFFICIENT_POINTS', `Not enough points: the balance is ${balance}, ${requested} requested.`);
  }
}

/** The Idempotency-Key was used before with a different request (422). */
export class IdempotencyKeyReused extends DomainError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request.');
  }
}

/** Too many concurrent writers on one account (409); the same request (same key) may be retried. */
export class ConcurrentUpdate extends DomainError {
  constructor() {
    super('CONCURRENT_UPDATE', 'The account is being changed by other requests; retry with the same Idempotency-Key.');
  }
}

/** Bad input, wherever it is found (body, query, header, CLI argument, reward fields): a 400. */
export class ValidationError extends DomainError {
  constructor(message: string) {
    super('VALIDATION_ERROR', message);
  }
}

/** The reward does not exist in the caller's store, or is not offered any more (404). */
export class RewardNotFound extends DomainError {
  constructor(rewardId: string) {
    super('REWARD_NOT_FOUND', `No reward ${JSON.stringify(rewardId)} is offered.`);
  }
}

/** No verified identity, or an unauthenticated webhook (401). The message never says why. */
export class Unauthorized extends DomainError {
  constructor() {
    super('UNAUTHORIZED', 'Unauthorized');
  }
}

/** The customer does not exist in the caller's store (404; the admin API). */
export class CustomerNotFound extends DomainError {
  constructor(customerId: number) {
    super('CUSTOMER_NOT_FOUND', `No customer ${customerId} in this store.`);
  }
}
