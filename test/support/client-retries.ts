// What a client does with CONCURRENT_UPDATE (409: the account kept changing under the request,
// nothing written): it sends the change again, with the same Idempotency-Key where there is one,
// as a shopper pressing Redeem again does. Tests with many writers on one account do the same.

/** Enough for 50 writers on one account on a loaded 2-core machine (DynamoDB Local is one JVM). */
const CLIENT_ATTEMPTS = 12;

/** Runs `change` until it ends other than in CONCURRENT_UPDATE, at most CLIENT_ATTEMPTS times. */
export async function retryingConcurrentUpdates<T>(change: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await change();
    } catch (error) {
      if ((error as { code?: string }).code !== 'CONCURRENT_UPDATE' || attempt === CLIENT_ATTEMPTS) throw error;
    }
  }
}
