// npm run token -- --customer 42 [--store <hash>] [--email e] [--ttl 900]
// Prints a current-customer JWT signed with the configured (dev) client secret.
import { parseArgs } from 'node:util';
import { signCurrentCustomerToken } from '../current-customer-token';
import { localSettings } from '../settings';

const { values } = parseArgs({
  options: {
    customer: { type: 'string' },
    store: { type: 'string' },
    email: { type: 'string' },
    group: { type: 'string' },
    ttl: { type: 'string', default: '900' },
  },
});
const customerId = Number(values.customer);
const ttl = Number(values.ttl);
if (!Number.isSafeInteger(customerId) || customerId <= 0) fail('--customer must be a positive integer');
if (!Number.isInteger(ttl) || ttl <= 0) fail('--ttl must be a positive number of seconds');

const settings = localSettings();
console.log(await signCurrentCustomerToken({
  clientId: settings.clientId,
  clientSecret: settings.clientSecret,
  storeHash: values.store ?? settings.storeHash,
  customerId,
  email: values.email,
  groupId: values.group,
  ttlSeconds: ttl,
}));

function fail(message: string): never {
  console.error(`token: ${message}\nusage: npm run token -- --customer <id> [--store <hash>] [--email <e>] [--group <id>] [--ttl <seconds>]`);
  process.exit(2);
}
