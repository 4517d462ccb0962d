// Settings are read once at cold start; a wrong one stops the function with a clear message.
import { describe, expect, it } from 'vitest';
import { readSettings } from '@bc-loyalty/shared/config';

describe('settings', () => {
  it('fill the defaults and treat the two optional variables as unset when empty', () => {
    const s = readSettings({ DYNAMODB_ENDPOINT: '', APP_SECRET_ARN: '' });
    expect(s).toMatchObject({
      tableName: 'PointsTable',
      dynamodbEndpoint: undefined,
      appSecretArn: undefined,
      secretCacheSeconds: 300,
      quotaReserve: 0.2,
      quotaWindowMs: 30_000,
      storeRetentionDays: 90,
    });
    expect(s.earning).toEqual({ pointsPerUnit: '1', earnStatusIds: [2, 10], reverseStatusIds: [4, 5] });
  });

  it('keep an empty status list: EARN_STATUS_IDS="" turns earning off, it does not fall back to the default', () => {
    expect(readSettings({ EARN_STATUS_IDS: '', REVERSE_STATUS_IDS: '' }).earning).toMatchObject({
      earnStatusIds: [],
      reverseStatusIds: [],
    });
  });

  it.each([
    [{ TABLE_NAME: '' }, 'TABLE_NAME'],
    [{ BC_API_URL: 'not a url' }, 'BC_API_URL'],
    [{ EARN_POINTS_PER_UNIT: '-1' }, 'EARN_POINTS_PER_UNIT: a non-negative decimal'],
    [{ SECRET_CACHE_SECONDS: '3601' }, 'SECRET_CACHE_SECONDS'],
    [{ SECRET_CACHE_SECONDS: 'soon' }, 'SECRET_CACHE_SECONDS: whole seconds'],
    [{ BC_QUOTA_RESERVE: '1' }, 'BC_QUOTA_RESERVE: a fraction from 0 to 0.9999'],
    [{ BC_QUOTA_WINDOW_MS: '0' }, 'BC_QUOTA_WINDOW_MS: milliseconds'],
    [{ STORE_RETENTION_DAYS: '0' }, 'STORE_RETENTION_DAYS: whole days, at least 1'],
    [{ STORE_RETENTION_DAYS: '1.5' }, 'STORE_RETENTION_DAYS: whole days, at least 1'],
  ])('refuse %o with a message naming the variable', (env, message) => {
    expect(() => readSettings(env)).toThrow(message);
  });
});
