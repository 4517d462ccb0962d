// Typed domain errors. The HTTP layer turns them into the error shape of DESIGN §5 in one place.
export type DomainErrorCode =
  | 'VALIDATION_ERROR'
  | 'IDEMPOTENCY_KEY_REQUIRED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INSUFFICIENT_POINTS'
  | 'CONCURRENT_UPDATE'
  | 'REWARD_NOT_FOUND'
  | 'UNAUTHORIZED';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export class InsufficientPoints extends DomainError {
  constructor(
    readonly balance: number,
    requested: number,
  ) {
    super('INSUFFICIENT_POINTS', `Not enough points: the balance is ${balance}, ${requested} requested.`);
  }
}

export class IdempotencyKeyReused extends DomainError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request.');
  }
}

/** Too many concurrent writers on one account; the same request (same key) may be retried. */
export class ConcurrentUpdate extends DomainError {
  constructor() {
    super('CONCURRENT_UPDATE', 'The account is being changed by other requests; retry with the same Idempotency-Key.');
  }
}

export class ValidationError extends DomainError {
  constructor(message: string) {
    super('VALIDATION_ERROR', message);
  }
}

/** The reward does not exist in the caller's store, or is not offered any more. */
export class RewardNotFound extends DomainError {
  constructor(rewardId: string) {
    super('REWARD_NOT_FOUND', `No reward ${JSON.stringify(rewardId)} is offered.`);
  }
}
