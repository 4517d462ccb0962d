// GET /customer/current.jwt as BigCommerce documents it (current_customer.yml): 404 for a guest, an
// error for an unknown app_client_id, otherwise an HS256 token with the claims of DESIGN §3, valid
// 15 minutes, signed with the app's client secret; tests make it expired or forged.
import { signCurrentCustomerToken } from '../current-customer-token';
import type { DemoCustomer } from './demo-store-page';
import type { SpecValidator } from './spec-validator';

export type TokenMode = 'valid' | 'expired' | 'forged';

/** The app the store hands tokens to. */
interface App {
  storeHash: string;
  clientId: string;
  clientSecret: string;
}

const error = (status: number, title: string) => ({ status, body: JSON.stringify({ status, title }) });

/** The answer for the signed-in customer (or none): its status and body (a JSON error, or the token). */
export async function currentCustomerAnswer(
  validator: SpecValidator,
  app: App,
  tokenMode: TokenMode,
  { method, query, headers }: { method: string; query: Record<string, string>; headers: Record<string, string> },
  customer: DemoCustomer | undefined,
): Promise<{ status: number; body: string }> {
  const request = { method, path: '/customer/current.jwt', query, headers };
  const matched = validator.match(request);
  const problems = matched
    ? validator.validateRequest(matched.api, matched.operation, request)
    : [{ where: '/', message: 'not a documented operation' }];
  if (!matched || problems.length) return error(400, problems.map((p) => `${p.where} ${p.message}`).join('; '));
  if (query.app_client_id !== app.clientId) return error(403, 'Unknown app_client_id');
  if (!customer) return error(404, 'No customer is logged in');
  const now = Math.floor(Date.now() / 1000);
  const token = await signCurrentCustomerToken({
    clientId: app.clientId,
    clientSecret: tokenMode === 'forged' ? 'not-the-client-secret-of-this-app' : app.clientSecret,
    storeHash: app.storeHash,
    customerId: customer.id,
    email: customer.email,
    groupId: customer.groupId,
    issuedAt: tokenMode === 'expired' ? now - 3600 : now,
  });
  const answered = validator.validateResponse(matched.api, matched.operation, 200, token);
  if (answered.length) throw new Error(`sandbox current.jwt answer violates the spec: ${JSON.stringify(answered)}`);
  return { status: 200, body: token };
}
