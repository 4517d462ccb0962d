// npm run bc:setup [-- --store <hash>]
// Makes sure the store has the points attribute (type number). Idempotent.
import { parseArgs } from 'node:util';
import { failWith, useCliEnvironment } from './environment';

const { values } = parseArgs({ options: { store: { type: 'string' } } });
useCliEnvironment();
const { appCredentials } = await import('@bc-loyalty/shared/secrets');
const { settings } = await import('@bc-loyalty/shared/config');
const { bigCommerceClient, ensureAttribute } = await import('@bc-loyalty/shared/bigcommerce');

const { stores } = await appCredentials();
const hashes = values.store ? [values.store] : Object.keys(stores);
for (const storeHash of hashes) {
  const accessToken = stores[storeHash];
  if (!accessToken) failWith('usage: npm run bc:setup -- [--store <hash>]', `bc:setup: store ${storeHash} is not installed (no access token)`);
  const { bcApiUrl, pointsAttribute } = settings();
  const id = await ensureAttribute(bigCommerceClient({ apiUrl: bcApiUrl, storeHash, accessToken }), pointsAttribute, 'number');
  console.log(`${storeHash}: customer attribute "${pointsAttribute}" is id ${id}`);
}
