// The widget's two servers: the loyalty API (with the shopper's current-customer token) and the
// store's own Storefront API (same origin, the shopper's session cookie).
// Security: the token is asked from the storefront for every call and kept only in that call's
// local variable — never in storage, a cookie or a long-lived variable.
import type { MessageKey } from './messages';

export interface Account {
  balance: number;
  lifetimeEarned: number;
  lifetimeRedeemed: number;
}
export interface Entry {
  id: string;
  type: string;
  points: number;
  reason: string;
  createdAt: string;
}
export interface Reward {
  id: string;
  name: string;
  pointsCost: number;
  minimumSubtotal?: number;
  affordable: boolean;
}
export interface Redemption {
  id: string;
  rewardId: string;
  points: number;
  createdAt: string;
  coupon: { code: string; status: string };
  orderId?: number;
}

const JSON_TYPE = 'application/json';

export class Guest extends Error {}
/** An answer that is not a success: a message key of ours, or the API's own words. */
export class ApiError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly status: number,
    readonly apiMessage?: string,
  ) {
    super(apiMessage ?? key);
  }
}

export function loyaltyApi(apiUrl: string, clientId: string) {
  /** The shopper's token, fresh from the storefront (BigCommerce answers 404 for guests). */
  async function currentCustomerToken(): Promise<string> {
    const response = await fetch(`/customer/current.jwt?app_client_id=${encodeURIComponent(clientId)}`, {
      credentials: 'same-origin',
    });
    if (response.status === 404) throw new Guest();
    if (!response.ok) throw new ApiError('unknownShopper', response.status);
    return (await response.text()).trim().replace(/^"|"$/g, '');
  }

  return async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const token = await currentCustomerToken();
    const response = await fetch(apiUrl + path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
    });
    const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    if (response.status === 401) throw new ApiError('expired', 401);
    if (!response.ok) throw new ApiError('failed', response.status, body.error?.message);
    return body as T;
  };
}

/** The store's own Storefront API. */
export function storefront(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`/api/storefront${path}`, {
    ...init,
    credentials: 'same-origin',
    headers: { Accept: JSON_TYPE, 'Content-Type': JSON_TYPE },
  });
}
export { JSON_TYPE };
