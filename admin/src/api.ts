// The admin API client: the session token stays in this object (memory only: no cookie, no
// storage, so nothing outlives the control panel's iframe) and goes as a Bearer header.
import type {
  AdminReward,
  Adjustment,
  CustomerDetail,
  CustomerSummary,
  EarningSettings,
  EarningValues,
  Health,
  LedgerEntry,
  Overview,
  Page,
  RewardInput,
} from './types';

/** An answer other than 2xx: the API's `{"error":{"code","message"}}`, or what the gateway said. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** 401: the session expired or was revoked; only the control panel can start a new one. */
export class SessionEnded extends ApiError {}

type Method = 'GET' | 'POST' | 'PUT';

export class AdminApi {
  constructor(
    private readonly apiBase: string,
    private readonly session: string,
    private readonly onSessionEnded: () => void,
  ) {}

  private async call<T>(
    method: Method,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await fetch(`${this.apiBase}/admin${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.session}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const payload = (await response.json().catch(() => ({}))) as {
      error?: { code?: string; message?: string };
      message?: string;
    };
    if (response.status === 401) {
      this.onSessionEnded();
      throw new SessionEnded(401, 'UNAUTHORIZED', 'Your session has ended');
    }
    if (!response.ok) {
      const message = payload.error?.message ?? payload.message ?? `The request failed (${response.status})`;
      throw new ApiError(response.status, payload.error?.code ?? 'HTTP_ERROR', message);
    }
    return payload as T;
  }

  overview = () => this.call<Overview>('GET', '/overview');
  health = () => this.call<Health>('GET', '/health');

  searchCustomers = (q: string) =>
    this.call<{ items: CustomerSummary[] }>('GET', `/customers?q=${encodeURIComponent(q)}`);
  customer = (id: number) => this.call<CustomerDetail>('GET', `/customers/${id}`);
  history = (id: number, limit: number, cursor?: string) =>
    this.call<Page<LedgerEntry>>(
      'GET',
      `/customers/${id}/history?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
  /** One key per submit: a retried request (a network blip) is applied once. */
  adjust = (id: number, points: number, reason: string, idempotencyKey: string) =>
    this.call<Adjustment>(
      'POST',
      `/customers/${id}/adjustments`,
      { points, reason },
      {
        'Idempotency-Key': idempotencyKey,
      },
    );

  earning = () => this.call<EarningSettings>('GET', '/settings/earning');
  saveEarning = (values: EarningValues) => this.call<EarningSettings>('PUT', '/settings/earning', values);

  rewards = () => this.call<{ items: AdminReward[] }>('GET', '/rewards');
  addReward = (input: RewardInput) => this.call<AdminReward>('POST', '/rewards', input);
  updateReward = (id: string, changes: Omit<RewardInput, 'id'>) =>
    this.call<AdminReward>('PUT', `/rewards/${encodeURIComponent(id)}`, changes);
  setRewardActive = (id: string, active: boolean) =>
    this.call<AdminReward>('POST', `/rewards/${encodeURIComponent(id)}/${active ? 'enable' : 'disable'}`);
}
