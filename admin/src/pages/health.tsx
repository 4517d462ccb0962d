// Installation health: what the install set up in BigCommerce and whether the mirror keeps up.
import { Badge, Flex, Panel, Table, Text } from '@bigcommerce/big-design';
import type { AdminApi } from '../api';
import { Loaded, useLoad } from '../load';
import type { Health as HealthReport } from '../types';

const ok = (good: boolean, yes: string, no: string) => (
  <Badge label={good ? yes : no} variant={good ? 'success' : 'danger'} />
);

const failedStep = (f: HealthReport['setup']['failed'][number]) => `${f.step}: ${f.message}`;

function Report({ health: h }: { health: HealthReport }) {
  const lag = h.mirror.lagSeconds;
  return (
    <>
      <Panel
        header="Order webhooks"
        badge={h.webhooks.missing.length ? { label: 'missing', variant: 'danger' } : undefined}
      >
        {h.webhooks.missing.length > 0 && (
          <Text color="danger">
            Not registered to this app: {h.webhooks.missing.join(', ')}. Reinstall the app to register them.
          </Text>
        )}
        <Table
          itemName="Webhooks"
          keyField="scope"
          items={h.webhooks.registered}
          emptyComponent={<Text>No webhooks registered.</Text>}
          columns={[
            { header: 'Scope', hash: 'scope', render: (w) => w.scope },
            { header: 'Destination', hash: 'destination', render: (w) => w.destination },
            {
              header: 'Status',
              hash: 'active',
              render: (w) =>
                w.ours ? ok(w.active, 'active', 'inactive') : <Badge label="another deployment's" variant="warning" />,
            },
          ]}
        />
      </Panel>
      <Panel header="Storefront and mirror">
        <Flex flexDirection="column" flexGap="0.75rem">
          <Text>Storefront script: {ok(h.script.installed, 'installed', 'not installed')}</Text>
          <Text>
            Mirror lag:{' '}
            {lag === null
              ? 'not measured yet'
              : ok(lag < 60, `${lag} s`, `${lag} s — balances in BigCommerce are behind`)}
          </Text>
          <Text>
            Dead letters:{' '}
            {h.mirror.deadLetters === null
              ? `unknown (${h.mirror.deadLettersUnknownBecause})`
              : ok(h.mirror.deadLetters === 0, '0', String(h.mirror.deadLetters))}
          </Text>
        </Flex>
      </Panel>
      <Panel header="Setup">
        {h.setup.failed.length === 0 ? (
          <Text>Every setup step succeeded.</Text>
        ) : (
          <>
            <Text color="danger">These steps failed at install; reinstall the app to retry them:</Text>
            <ul>
              {h.setup.failed.map((f) => (
                <li key={failedStep(f)}>{failedStep(f)}</li>
              ))}
            </ul>
          </>
        )}
      </Panel>
    </>
  );
}

export function Health({ api }: { api: AdminApi }) {
  const load = useLoad(api.health, [api]);
  return (
    <Loaded load={load} what="the installation health">
      {(health) => <Report health={health} />}
    </Loaded>
  );
}
