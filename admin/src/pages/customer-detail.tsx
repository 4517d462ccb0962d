// One customer: the account's figures, the ledger newest first (paged by the API's cursor) and
// "Adjust points".
import { Button, Flex, Message, Panel, Table, Text } from '@bigcommerce/big-design';
import { useState } from 'react';
import type { AdminApi } from '../api';
import { Figure } from '../figure';
import { points, signedPoints, when } from '../format';
import { Loaded, useLoad } from '../load';
import { AdjustModal } from './adjust-modal';

const PAGE_SIZE = 10;

// Paged with two buttons rather than the Table's pagination: its page-size dropdown carries an
// ARIA attribute its role does not allow (axe: aria-allowed-attr), and the API pages by cursor anyway.
function History({ api, id, version }: { api: AdminApi; id: number; version: number }) {
  // The cursors of the pages before this one: "Older" pushes, "Newer" pops.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const cursor = cursors.at(-1);
  const load = useLoad(() => api.history(id, PAGE_SIZE, cursor), [api, id, cursor, version]);
  return (
    <Loaded load={load} what="the history">
      {(page) => (
        <>
          <Table
            itemName="Ledger entries"
            keyField="id"
            items={page.items}
            emptyComponent={<Text>No points yet.</Text>}
            columns={[
              { header: 'Date', hash: 'date', render: (e) => when(e.createdAt) },
              { header: 'Type', hash: 'type', render: (e) => e.type },
              { header: 'Points', hash: 'points', align: 'right', render: (e) => signedPoints(e.points) },
              { header: 'Balance', hash: 'balance', align: 'right', render: (e) => points(e.balanceAfter) },
              { header: 'Reason', hash: 'reason', render: (e) => e.reason },
            ]}
          />
          <Flex justifyContent="flex-end" flexGap="0.5rem" marginTop="small">
            <Button variant="subtle" disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Newer
            </Button>
            <Button
              variant="subtle"
              disabled={!page.nextCursor}
              onClick={() => setCursors((c) => [...c, page.nextCursor ?? undefined])}
            >
              Older
            </Button>
          </Flex>
        </>
      )}
    </Loaded>
  );
}

export function CustomerDetail({ api, id, onBack }: { api: AdminApi; id: number; onBack: () => void }) {
  const [version, setVersion] = useState(0);
  const [adjusting, setAdjusting] = useState(false);
  const [notice, setNotice] = useState('');
  const load = useLoad(() => api.customer(id), [api, id, version]);
  return (
    <>
      <Button variant="subtle" onClick={onBack} marginBottom="medium">
        ← Back to search
      </Button>
      <Loaded load={load} what="the customer">
        {({ customer, account }) => (
          <>
            {notice && (
              <Message
                type="success"
                messages={[{ text: notice }]}
                onClose={() => setNotice('')}
                marginBottom="medium"
              />
            )}
            <Panel
              header={`${customer.firstName} ${customer.lastName}`.trim() || customer.email}
              description={customer.email}
              action={{ text: 'Adjust points', onClick: () => setAdjusting(true) }}
            >
              <Flex flexGap="2rem" flexWrap="wrap">
                <Figure label="Balance">{points(account.balance)}</Figure>
                <Figure label="Earned (lifetime)">{points(account.lifetimeEarned)}</Figure>
                <Figure label="Redeemed (lifetime)">{points(account.lifetimeRedeemed)}</Figure>
                <Figure label="Last change">{when(account.updatedAt)}</Figure>
              </Flex>
            </Panel>
            <Panel header="History">
              <History api={api} id={id} version={version} />
            </Panel>
            {adjusting && (
              <AdjustModal
                api={api}
                customerId={id}
                balance={account.balance}
                onClose={() => setAdjusting(false)}
                onDone={(balance) => {
                  setAdjusting(false);
                  setNotice(`Points adjusted. New balance: ${points(balance)}.`);
                  setVersion((v) => v + 1);
                }}
              />
            )}
          </>
        )}
      </Loaded>
    </>
  );
}
