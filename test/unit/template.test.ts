// template.yaml against the official SAM JSON Schema, plus the rules the schema cannot express.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { apiModel } from '../../local/api-model';
import { repoRoot } from '../../local/paths';
import { parameterValues, parseTemplate } from '../../local/template';
import { template } from '../support/environment';

// The webhook authenticates with its own secret, the app callbacks with BigCommerce's code or signed
// payload; the preflights carry no credentials by design; the admin UI's files hold no data (the
// shell page loads them before it has a session).
const PUBLIC_ROUTES = [
  'GET /admin/ui/{file}',
  'GET /app/auth',
  'GET /app/load',
  'GET /app/uninstall',
  'GET /app/remove-user',
  'OPTIONS /points',
  'OPTIONS /points/history',
  'OPTIONS /points/redeem',
  'OPTIONS /points/redemptions',
  'OPTIONS /rewards',
  'POST /webhooks/bigcommerce',
];
const samSchemaPath = join(repoRoot, 'local', 'vendor', 'sam-schema', 'sam.schema.json');

describe('template.yaml', () => {
  it('is valid against the SAM JSON Schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(samSchemaPath, 'utf8')) as object);
    const valid = validate(template);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('parses the short-form intrinsics to their long form', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's !Sub syntax, not a JS template
    const parsed = parseTemplate('A: !Ref X\nB: !GetAtt T.Arn\nC: !Sub "${X}-y"\nD: !Join [",", [a, b]]');
    expect(parsed).toEqual({
      A: { Ref: 'X' },
      B: { 'Fn::GetAtt': ['T', 'Arn'] },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's !Sub syntax, not a JS template
      C: { 'Fn::Sub': '${X}-y' },
      D: { 'Fn::Join': [',', ['a', 'b']] },
    });
  });

  const model = apiModel(template, repoRoot, {
    parameters: parameterValues(template, { AllowedOrigins: 'https://x.example' }),
    resources: {},
  });

  it('puts the authorizer on every route except the CORS preflights and the webhook', () => {
    const open = model.routes.filter((r) => !r.authorizer).map((r) => `${r.method} ${r.path}`);
    expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
    const guardedBy = (authorizer: string) =>
      model.routes
        .filter((r) => r.authorizer === authorizer)
        .map((r) => `${r.method} ${r.path}`)
        .sort();
    expect(guardedBy('CurrentCustomerAuthorizer')).toEqual([
      'GET /points',
      'GET /points/history',
      'GET /points/redemptions',
      'GET /rewards',
      'POST /points/redeem',
    ]);
  });

  it('guards /admin/* with the admin session authorizer only, uncached (revocation bites at once)', () => {
    // The admin UI's files are public (PUBLIC_ROUTES): the shell page loads them before any session.
    const admin = model.routes.filter((r) => r.path.startsWith('/admin/') && !r.path.startsWith('/admin/ui/'));
    expect(admin.length).toBeGreaterThanOrEqual(14);
    expect(admin.every((r) => r.authorizer === 'AdminSessionAuthorizer')).toBe(true);
    expect(model.routes.filter((r) => r.authorizer === 'AdminSessionAuthorizer')).toEqual(admin);
    expect(model.authorizers.AdminSessionAuthorizer).toMatchObject({
      functionId: 'AdminAuthorizerFunction',
      header: 'Authorization',
      ttlSeconds: 0,
    });
  });

  it('configures the TOKEN authorizer on Authorization, Bearer only, cached 60 s (docs/security.md)', () => {
    const authorizer = Object.values(model.authorizers)[0]!;
    expect(authorizer).toMatchObject({ header: 'Authorization', ttlSeconds: 60, functionId: 'AuthorizerFunction' });
    expect(authorizer.validationExpression?.test('Bearer a.b.c')).toBe(true);
    expect(authorizer.validationExpression?.test('Basic abc')).toBe(false);
  });

  it('adds CORS headers to the 4XX and 5XX gateway responses', () => {
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      expect(model.gatewayResponseHeaders[type]).toMatchObject({ 'Access-Control-Allow-Origin': expect.any(String) });
    }
  });

  it('holds no secret in a parameter default or an environment variable', () => {
    const secretish = /secret|token|password|key/i;
    for (const [name, p] of Object.entries(template.Parameters ?? {})) {
      if (secretish.test(name)) expect(p.Default ?? '', name).toBe('');
    }
    for (const fn of Object.values(model.functions)) {
      for (const [name, value] of Object.entries(fn.environment)) {
        // Identifiers, not secrets: the secret's ARN and the token vault's KMS key.
        if (secretish.test(name) && !['APP_SECRET_ARN', 'TOKEN_KEY_ID'].includes(name))
          expect(value, `${fn.logicalId}.${name}`).toBe('');
      }
    }
    expect(JSON.stringify(template.Resources.AppSecret)).not.toMatch(/"SecretString"/);
  });

  it('runs every function on nodejs24.x arm64 with the shared layer, bundled by esbuild (the admin UI by its Makefile target)', () => {
    const globals = template.Globals!.Function!;
    expect(globals).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Layers: [{ Ref: 'SharedLayer' }],
    });
    for (const [id, r] of Object.entries(template.Resources).filter(
      ([, r]) => r.Type === 'AWS::Serverless::Function',
    )) {
      // The install function (with the widget it installs) and the admin UI's (with the UI it serves)
      // are bundled by their Makefile targets, as esbuild would.
      expect(r.Metadata, id).toMatchObject({
        BuildMethod: ['AppAuthFunction', 'AdminUiFunction'].includes(id) ? 'makefile' : 'esbuild',
      });
      if (r.Metadata?.BuildMethod === 'esbuild')
        expect(r.Metadata, id).toMatchObject({
          BuildProperties: { External: expect.arrayContaining(['@bc-loyalty/shared/*']) },
        });
      // Its own log group, with retention, named by the stack (not by the function), so it exists first.
      const group = `${id.replace(/Function$/, '')}LogGroup`;
      expect(r.Properties!.LoggingConfig, id).toEqual({ LogGroup: { Ref: group } });
      expect(template.Resources[group]!.Properties, `${id} log group`).toMatchObject({
        RetentionInDays: { Ref: 'LogRetentionInDays' },
      });
      expect(JSON.stringify(template.Resources[group]!.Properties!.LogGroupName), id).not.toContain(`\${${id}}`);
    }
  });

  it('gives read-only functions read-only policies, and the secret only to functions that verify tokens or call BigCommerce', () => {
    const actions = (id: string) => JSON.stringify(template.Resources[id]!.Properties!.Policies);
    expect(actions('BalanceFunction')).toMatch(/"dynamodb:GetItem"/);
    expect(actions('HistoryFunction')).toMatch(/"dynamodb:Query"/);
    const readOnly = ['BalanceFunction', 'HistoryFunction', 'RewardsFunction', 'RedemptionsFunction'];
    for (const id of readOnly) expect(actions(id)).not.toMatch(/Put|Update|Delete|Write|Secrets/);
    for (const id of [...readOnly, 'PreflightFunction']) expect(actions(id) ?? '').not.toMatch(/SecretsManager/);
    // Redeeming derives the code from the client secret and creates it with the store's token.
    expect(actions('RedeemFunction')).toMatch(/AWSSecretsManagerGetSecretValuePolicy/);
    expect(actions('OrderWebhookFunction')).toMatch(/"dynamodb:PutItem"/);
    expect(actions('OrderWebhookFunction')).not.toMatch(/Update|Delete|BatchWrite/);
    expect(actions('AuthorizerFunction')).toMatch(/AWSSecretsManagerGetSecretValuePolicy/);
  });

  it('lets exactly the functions that call BigCommerce with stored tokens decrypt them, never a shopper-facing one', () => {
    // What reads an app-installed store's token (storeClient): the stream consumers, the mirror
    // rebuild's legs, the admin API and the uninstall callback (its best-effort teardown).
    const tokenReaders = [
      'AdminApiFunction',
      'AppUninstallFunction',
      'CouponIssuerFunction',
      'MirrorFunction',
      'MirrorRebuildFunction',
      'OrderEventsFunction',
    ];
    const resource = (id: string) => template.Resources[id]!.Properties!;
    const decrypts = functionIds.filter((id) =>
      JSON.stringify(resource(id).Policies ?? []).includes('{"Ref":"TokenDecryptPolicy"}'),
    );
    const withVault = functionIds.filter((id) => model.functions[id]!.environment.TOKEN_KEY_ID !== undefined);
    expect(decrypts.sort()).toEqual(tokenReaders);
    // The install callback encrypts the token it receives (kms:Encrypt only).
    expect(withVault.sort()).toEqual([...tokenReaders, 'AppAuthFunction'].sort());
    expect(JSON.stringify(resource('AppAuthFunction').Policies)).not.toMatch(/kms:Decrypt|TokenDecryptPolicy/);
    const shopperFacing = [
      ...model.routes.filter((r) => r.authorizer === 'CurrentCustomerAuthorizer').map((r) => r.functionId),
      model.authorizers.CurrentCustomerAuthorizer!.functionId,
      model.authorizers.AdminSessionAuthorizer!.functionId,
    ];
    expect(shopperFacing.length).toBeGreaterThanOrEqual(7);
    for (const id of shopperFacing) expect(decrypts, id).not.toContain(id);
  });

  it("runs every mirror rebuild leg with the execution's name as its run id (a retried first leg resumes)", () => {
    type State = { Type: string; Next?: string; Parameters?: Record<string, unknown> };
    const { States } = template.Resources.MirrorRebuildStateMachine!.Properties!.Definition as {
      States: Record<string, State>;
    };
    const intoLeg = Object.values(States).filter((s) => s.Next === 'RebuildLeg');
    expect(intoLeg.length).toBe(2);
    for (const state of intoLeg)
      expect(state).toMatchObject({ Type: 'Pass', Parameters: { 'runId.$': '$$.Execution.Name' } });
  });

  it('defines the table as DESIGN §4 says: on-demand, PITR, SSE, NEW_IMAGE stream, TTL on expiresAt', () => {
    expect(template.Resources.PointsTable!.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('sends every alarm to the optional e-mail topic, and alarms on the metrics the functions write', async () => {
    const alarms = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm');
    expect(alarms.map(([id]) => id).sort()).toEqual([
      'AdminThrottlesAlarm',
      'ApiServerErrorsAlarm',
      'AppThrottlesAlarm',
      'BackgroundThrottlesAlarm',
      'CouponIssuerDeadLetterAlarm',
      'CouponIssuerFunctionErrorsAlarm',
      'CouponIssuerIteratorAgeAlarm',
      'LambdaThrottlesAlarm',
      'MirrorDeadLetterAlarm',
      'MirrorErrorsAlarm',
      'MirrorFunctionErrorsAlarm',
      'MirrorIteratorAgeAlarm',
      'MirrorRebuildFailedAlarm',
      'OrderEventsDeadLetterAlarm',
      'OrderEventsFunctionErrorsAlarm',
      'OrderEventsIteratorAgeAlarm',
      'StoreRetentionErrorsAlarm',
    ]);
    for (const [id, alarm] of alarms) {
      expect(JSON.stringify(alarm.Properties!.AlarmActions), id).toContain('"MirrorAlarmTopic"');
    }
    const { METRICS_NAMESPACE } = await import('@bc-loyalty/shared/metrics');
    const environment = (template.Globals!.Function!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(environment.POWERTOOLS_METRICS_NAMESPACE).toBe(METRICS_NAMESPACE);
    expect(template.Resources.MirrorRebuildFailedAlarm!.Properties).toMatchObject({
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsFailed',
      Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: 'MirrorRebuildStateMachine' } }],
    });
    expect(template.Resources.MirrorErrorsAlarm!.Properties).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: 'MirrorFailures',
      Dimensions: [{ Name: 'service', Value: environment.POWERTOOLS_SERVICE_NAME }],
    });
  });

  const functionIds = Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Serverless::Function')
    .map(([id]) => id);
  const streamConsumers = functionIds.flatMap((id) =>
    Object.values(
      (template.Resources[id]!.Properties!.Events as Record<
        string,
        { Type: string; Properties: Record<string, unknown> }
      >) ?? {},
    )
      .filter((e) => e.Type === 'DynamoDB')
      .map((e) => ({ id, properties: e.Properties })),
  );

  it("bounds every stream consumer's retries within the stream's 24 h, bisects, and dead-letters", () => {
    expect(streamConsumers.map((c) => c.id).sort()).toEqual([
      'CouponIssuerFunction',
      'MirrorFunction',
      'OrderEventsFunction',
    ]);
    for (const { id, properties } of streamConsumers) {
      expect(properties.MaximumRecordAgeInSeconds, id).toBeGreaterThan(0);
      expect(properties.MaximumRecordAgeInSeconds, id).toBeLessThan(86_400);
      expect(properties.MaximumRetryAttempts, id).toBeGreaterThanOrEqual(0);
      expect(properties, id).toMatchObject({
        BisectBatchOnFunctionError: true,
        DestinationConfig: { OnFailure: { Type: 'SQS' } },
      });
      // An iterator-age alarm and an errors alarm on each consumer.
      for (const metric of ['IteratorAge', 'Errors']) {
        const alarm = Object.values(template.Resources).find(
          (r) =>
            r.Type === 'AWS::CloudWatch::Alarm' &&
            r.Properties!.MetricName === metric &&
            JSON.stringify(r.Properties!.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: id } }]),
        );
        expect(alarm, `${id} ${metric} alarm`).toBeDefined();
      }
    }
  });

  it("alarms on the throttles of this stack's functions, every one of them, not the whole account", () => {
    type Metrics = { MetricStat?: { Metric: { MetricName: string; Dimensions: unknown[] } } }[];
    const alarms = ['LambdaThrottlesAlarm', 'BackgroundThrottlesAlarm', 'AppThrottlesAlarm', 'AdminThrottlesAlarm'].map(
      (id) => template.Resources[id]!.Properties!.Metrics as Metrics,
    );
    const watched = alarms.flat().flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []));
    expect(watched.every((m) => m.MetricName === 'Throttles')).toBe(true);
    expect(watched.map((m) => (m.Dimensions[0] as { Value: { Ref: string } }).Value.Ref).sort()).toEqual(
      [...functionIds].sort(),
    );
    for (const metrics of alarms) expect(metrics.length, 'an alarm takes at most 10 metrics').toBeLessThanOrEqual(10);
  });

  it('serves the API on its StageName only, with JSON access logs of $context fields and default throttling', () => {
    expect((template.Globals as Record<string, unknown>).Api).toMatchObject({
      OpenApiVersion: expect.stringMatching(/^3\./),
    });
    const api = template.Resources.LoyaltyApi!.Properties!;
    const { Format } = api.AccessLogSetting as { Format: string };
    const fields = JSON.parse(Format) as Record<string, string>;
    expect(
      Object.values(fields).every((v) => /^\$context\.[A-Za-z.]+$/.test(v)),
      Format,
    ).toBe(true);
    expect(Format).not.toMatch(/header|authorization|token|\$input|\$request/i);
    expect(api.MethodSettings).toContainEqual(
      expect.objectContaining({
        ResourcePath: '/*',
        HttpMethod: '*',
        ThrottlingRateLimit: expect.anything(),
        ThrottlingBurstLimit: expect.anything(),
      }),
    );
  });

  it("runs the retention of uninstalled stores' data daily, within 15 minutes, with the table only", () => {
    const retention = template.Resources.StoreRetentionFunction!.Properties!;
    expect(retention.Timeout).toBeLessThanOrEqual(900);
    expect(Object.values(retention.Events as Record<string, unknown>)).toEqual([
      { Type: 'Schedule', Properties: expect.objectContaining({ Schedule: 'rate(1 day)' }) },
    ]);
    expect(retention.Environment).toEqual({ Variables: { STORE_RETENTION_DAYS: { Ref: 'StoreRetentionDays' } } });
    expect(template.Parameters!.StoreRetentionDays).toMatchObject({ Type: 'Number', Default: 90, MinValue: 1 });
    // one policy: a statement on the table (no managed policy: no secret, no KMS key)
    type Statement = { Action: string[]; Resource: unknown };
    const policies = retention.Policies as Array<{ Statement?: Statement[] }>;
    expect(policies.length).toBe(1);
    const statements = policies[0]!.Statement ?? [];
    expect(statements.length).toBe(1);
    expect(statements[0]!.Resource).toEqual({ 'Fn::GetAtt': ['PointsTable', 'Arn'] });
    expect(statements[0]!.Action.every((a) => a.startsWith('dynamodb:'))).toBe(true);
  });

  it('retains the app secret (hand-entered store tokens) on stack deletion and replacement', () => {
    expect(template.Resources.AppSecret).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});
