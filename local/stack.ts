// The local stack as one object: DynamoDB Local (started here unless an endpoint is given), the
// points table from template.yaml, and the template-driven API. `npm start` and the tests use it.
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { apiModel } from './api-model';
import { assertPortsFree, LOCAL_HOST, portOf } from './ports';
import { repoRoot } from './paths';
import { LocalApi } from './api-gateway';
import { startDynamoDbLocal, type RunningDynamoDb } from './dynamodb-local';
import { environmentFor, LocalFunction } from './lambda-runtime';
import { bigCommerceClient, ensureHooks, ensureScript } from '@bc-loyalty/shared/bigcommerce';
import { ORDER_SCOPES } from '@bc-loyalty/shared/orders';
import { earnRule, widgetScript } from '../storefront/install';
import { adminDistDir, buildAdminUi } from '../admin/build';
import { seedCustomers } from './sandbox/customers-api';
import type { QuotaSettings } from './sandbox/request-budget';
import { BigCommerceSandbox } from './sandbox/server';
import { DEMO_CUSTOMERS } from './sandbox/storefront';
import { StreamEventSource } from './stream-event-source';
import { eventSourceSettings, type EventSourceSettings } from './stream-records';
import { ensurePointsTable, tableDefinition } from './points-table';
import { appEnvironment, envJson, localSettings, type LocalSettings } from './settings';
import { loadTemplate, parameterValues } from './template';

// The SDK warns on Node 20 about its future releases; the lockfile pins a version that supports it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface StackOptions {
  settings?: LocalSettings;
  /** Use a running DynamoDB (tests share one); otherwise DynamoDB Local is started. */
  dynamodbEndpoint?: string;
  /**
   * Keep state in this folder between runs (npm start: .cache/): DynamoDB Local's data, the
   * sandbox's stores and the stream event sources' positions. Without it, everything is in memory.
   */
  stateDir?: string;
  log?: (line: string) => void;
  /** Run the BigCommerce sandbox and the stream → mirror event source (default true). */
  mirror?: boolean;
  /** Override parts of the template's stream event source settings (tests use small budgets). */
  eventSource?: Partial<EventSourceSettings> & { retryDelayMs?: (attempt: number) => number };
  /**
   * The sandbox's quota (plan, time scale, another app's use; default Pro's, BC_SANDBOX_QUOTA); the
   * functions learn its window, and the stream event sources' batching windows shrink by its time scale.
   */
  quota?: QuotaSettings;
  /** Extra environment for every function (over everything else). */
  functionEnvironment?: Record<string, string>;
  /** Where the functions' own log lines go (default: with the stack's log). */
  functionLog?: (line: string) => void;
  /**
   * Where the stream consumers' dead-letter folders go (default .cache): one per consumer, as the
   * template gives each its own OnFailure queue (mirror-dlq, order-events-dlq, coupon-issuer-dlq).
   */
  deadLetterDir?: string;
}

export interface LocalStack {
  apiUrl: string;
  dynamodbEndpoint: string;
  sandbox: BigCommerceSandbox | undefined;
  /** Stream event sources by function logical id (MirrorFunction, OrderEventsFunction). */
  eventSources: Record<string, StreamEventSource>;
  settings: LocalSettings;
  stop(): Promise<void>;
}

/** A consumer's dead-letter folder: MirrorFunction → mirror-dlq (what npm run mirror:replay reads). */
const deadLetterFolder = (functionId: string) =>
  `${functionId
    .replace(/Function$/, '')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()}-dlq`;

export async function startLocalStack(options: StackOptions = {}): Promise<LocalStack> {
  const settings = options.settings ?? localSettings();
  const log = options.log ?? (() => {});
  const template = loadTemplate(join(repoRoot, 'template.yaml'));
  let dynamodb: RunningDynamoDb | undefined;
  const started: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of started.reverse()) await step().catch(() => {});
  };
  try {
    let endpoint = options.dynamodbEndpoint ?? settings.dynamodbEndpoint;
    await assertPortsFree({
      DYNAMODB_PORT: endpoint ? 0 : settings.dynamodbPort,
      API_PORT: settings.apiPort,
      SANDBOX_PORT: options.mirror === false ? 0 : settings.sandboxPort,
    });
    if (!endpoint) {
      dynamodb = await startDynamoDbLocal({
        port: settings.dynamodbPort,
        dbPath: options.stateDir && join(options.stateDir, 'dynamodb-data'),
        log,
      });
      started.push(() => dynamodb!.stop());
      endpoint = dynamodb.endpoint;
    }
    const client = new DynamoDBClient({
      endpoint,
      region: settings.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensurePointsTable(client, template, settings.tableName);
    client.destroy();

    const tableId = tableDefinition(template).logicalId;
    const model = apiModel(template, repoRoot, {
      parameters: parameterValues(template, { AllowedOrigins: settings.allowedOrigins || '*' }),
      resources: { [tableId]: settings.tableName },
    });
    let sandbox: BigCommerceSandbox | undefined;
    if (options.mirror !== false) {
      const hashes = settings.storeHash.split(',').map((h) => h.trim());
      const stores = Object.fromEntries(hashes.map((h) => [h, settings.accessToken]));
      sandbox = new BigCommerceSandbox({
        stores,
        quota: settings.sandboxQuota,
        ...options.quota,
        log: (line) => log(`sandbox ${line}`),
        stateFile: options.stateDir && join(options.stateDir, 'sandbox-state.json'),
        app: { clientId: settings.clientId, clientSecret: settings.clientSecret },
        storefront: {
          storeHash: hashes[0]!,
          clientId: settings.clientId,
          clientSecret: settings.clientSecret,
          customers: DEMO_CUSTOMERS,
        },
      });
      await sandbox.listen(settings.sandboxPort);
      started.push(() => sandbox!.close());
      // The demo customers are the stores' customers too (the admin's customer search finds them).
      for (const hash of hashes) seedCustomers(sandbox.store(hash), DEMO_CUSTOMERS);
    }
    // With no origins configured, the sandbox storefront is the one storefront (tests use random ports).
    const allowedOrigins = settings.allowedOrigins || sandbox?.url || '';

    const overrides: Record<string, string | undefined> = {
      ...process.env,
      ...appEnvironment(settings),
      ALLOWED_ORIGINS: allowedOrigins,
      DYNAMODB_ENDPOINT: endpoint,
      // BC_API_URL points the functions at a real BigCommerce store; by default they use the sandbox.
      ...(settings.bcApiUrl || sandbox ? { BC_API_URL: settings.bcApiUrl ?? sandbox!.url } : {}),
      // The mirror's dead letters are a folder here (SQS in AWS): the admin's health counts them.
      MIRROR_DEAD_LETTER_QUEUE_URL: pathToFileURL(
        join(options.deadLetterDir ?? join(repoRoot, '.cache'), deadLetterFolder('MirrorFunction')),
      ).href,
      // The app (docs/app.md): the sandbox as BigCommerce's login origin, and its control panel
      // allowed to frame the app (the token vault's local stand-in comes with appEnvironment).
      ...(sandbox
        ? {
            BC_LOGIN_URL: sandbox.url,
            APP_FRAME_ANCESTORS: `https://*.bigcommerce.com ${sandbox.url} ${sandbox.url.replace('127.0.0.1', 'localhost')}`,
          }
        : {}),
      // The admin UI's files, built just below (sam build puts them beside the handler instead).
      ADMIN_UI_DIR: adminDistDir,
      ...(sandbox && options.quota ? { BC_QUOTA_WINDOW_MS: String(sandbox.quota.windowMs) } : {}),
      ...options.functionEnvironment,
    };
    await buildAdminUi();
    const runtime = {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_REGION: settings.region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      NODE_ENV: 'development',
    };
    const functions = Object.fromEntries(
      Object.values(model.functions).map((fn) => [
        fn.logicalId,
        new LocalFunction(fn, environmentFor(fn, envJson, overrides, runtime), options.functionLog ?? log),
      ]),
    );
    started.push(async () => {
      await Promise.all(Object.values(functions).map((f) => f.stop()));
    });

    const eventSources: Record<string, StreamEventSource> = {};
    for (const consumer of sandbox ? model.streamConsumers : []) {
      const { retryDelayMs, ...overridden } = options.eventSource ?? {};
      const source = new StreamEventSource({
        endpoint: endpoint!,
        tableName: settings.tableName,
        fn: functions[consumer.functionId]!,
        settings: { ...eventSourceSettings(consumer.properties), ...overridden },
        deadLetterDir: join(options.deadLetterDir ?? join(repoRoot, '.cache'), deadLetterFolder(consumer.functionId)),
        checkpointFile: options.stateDir && join(options.stateDir, 'stream-checkpoints', `${consumer.functionId}.json`),
        retryDelayMs,
        timeScale: options.quota?.timeScale,
        log,
      });
      source.start();
      started.push(() => source.stop());
      eventSources[consumer.functionId] = source;
    }

    const server: Server = await new LocalApi({ model, functions, log }).listen(settings.apiPort);
    started.push(
      () =>
        new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
    );
    const apiUrl = `http://${LOCAL_HOST}:${portOf(server)}`;
    if (sandbox?.app) sandbox.app.appUrl = apiUrl;
    if (sandbox) {
      // What `npm run bc:setup` does for a real store: order webhooks to our endpoint, with the secret
      // header, and the widget through the Scripts API (the demo store renders it from there).
      const widget = await widgetScript({
        apiUrl,
        clientId: settings.clientId,
        earn: earnRule(overrides.EARN_POINTS_PER_UNIT),
      });
      for (const storeHash of Object.keys(sandbox.storeTokens)) {
        const client = bigCommerceClient({
          apiUrl: sandbox.url,
          storeHash,
          accessToken: settings.accessToken,
          priority: 'admin',
        });
        await ensureHooks(client, [...ORDER_SCOPES], `${apiUrl}/webhooks/bigcommerce`, {
          'X-Webhook-Secret': settings.webhookSecret,
        });
        await ensureScript(client, widget);
      }
    }
    return { apiUrl, dynamodbEndpoint: endpoint, sandbox, eventSources, settings, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
