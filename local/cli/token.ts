// npm run token -- --customer 42 [--store <hash>] [--email e] [--group <id>] [--ttl 900]
// Prints a current-customer JWT signed with the configured (dev) client secret.
import { signCurrentCustomerToken } from '../current-customer-token';
import { localSettings } from '../settings';
import { commandLine } from './command-line';

const cli = commandLine(
  'token',
  'usage: npm run token -- --customer <id> [--store <hash>] [--email <e>] [--group <id>] [--ttl <seconds>]',
  {
    customer: { type: 'string' },
    store: { type: 'string' },
    email: { type: 'string' },
    group: { type: 'string' },
    ttl: { type: 'string', default: '900' },
  },
);
const { values } = cli;
const customerId = Number(values.customer);
const ttl = Number(values.ttl);
if (!Number.isSafeInteger(customerId) || customerId <= 0) cli.fail('--customer must be a positive integer');
if (!Number.isInteger(ttl) || ttl <= 0) cli.fail('--ttl must be a positive number of seconds');

const settings = localSettings();
console.log(
  await signCurrentCustomerToken({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    storeHash: values.store ?? settings.storeHash,
    customerId,
    email: values.email,
    groupId: values.group,
    ttlSeconds: ttl,
  }),
);
