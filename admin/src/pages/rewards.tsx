// Rewards: the store's catalog — what points buy — with add, edit and disable / enable.
import { Badge, Button, Message, Panel, Table, Text } from '@bigcommerce/big-design';
import { useState } from 'react';
import type { AdminApi } from '../api';
import { points } from '../format';
import { Loaded, messageOf, useLoad } from '../load';
import type { AdminReward } from '../types';
import { RewardModal } from './reward-modal';

const discountOf = ({ discount: d, minimumSubtotal }: AdminReward) =>
  (d.type === 'free_shipping' ? 'Free shipping' : d.type === 'percentage' ? `${d.amount}% off` : `${d.amount} off`) +
  (minimumSubtotal ? ` on ${minimumSubtotal} or more` : '');

export function Rewards({ api }: { api: AdminApi }) {
  const load = useLoad(api.rewards, [api]);
  const [editing, setEditing] = useState<AdminReward | 'new' | null>(null);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const reloadWith = (reload: () => void, text: string) => {
    setNotice({ type: 'success', text });
    reload();
  };
  const toggle = async (r: AdminReward, reload: () => void) => {
    try {
      await api.setRewardActive(r.id, !r.active);
      reloadWith(reload, `${r.name} ${r.active ? 'disabled: shoppers no longer see it' : 'enabled'}.`);
    } catch (error) {
      setNotice({ type: 'error', text: messageOf(error) });
    }
  };
  return (
    <Panel
      header="Rewards"
      description="What shoppers can buy with points: each redemption is a single-use coupon code."
      action={{ text: 'Add reward', onClick: () => setEditing('new') }}
    >
      {notice && (
        <Message
          type={notice.type}
          messages={[{ text: notice.text }]}
          onClose={() => setNotice(null)}
          marginBottom="medium"
        />
      )}
      <Loaded load={load} what="the rewards">
        {({ items }, reload) => (
          <>
            <Table
              itemName="Rewards"
              keyField="id"
              items={items}
              emptyComponent={<Text>No rewards yet: add one so shoppers can spend their points.</Text>}
              columns={[
                { header: 'Name', hash: 'name', render: (r) => r.name },
                { header: 'Id', hash: 'id', render: (r) => r.id },
                { header: 'Points', hash: 'points', align: 'right', render: (r) => points(r.pointsCost) },
                { header: 'Discount', hash: 'discount', render: discountOf },
                {
                  header: 'Status',
                  hash: 'status',
                  render: (r) => (
                    <Badge label={r.active ? 'active' : 'disabled'} variant={r.active ? 'success' : 'secondary'} />
                  ),
                },
                {
                  header: 'Actions',
                  hideHeader: true,
                  hash: 'actions',
                  align: 'right',
                  render: (r) => (
                    <>
                      <Button variant="subtle" onClick={() => setEditing(r)} aria-label={`Edit ${r.name}`}>
                        Edit
                      </Button>
                      <Button
                        variant="subtle"
                        onClick={() => void toggle(r, reload)}
                        aria-label={`${r.active ? 'Disable' : 'Enable'} ${r.name}`}
                      >
                        {r.active ? 'Disable' : 'Enable'}
                      </Button>
                    </>
                  ),
                },
              ]}
            />
            {editing && (
              <RewardModal
                api={api}
                reward={editing === 'new' ? undefined : editing}
                onClose={() => setEditing(null)}
                onSaved={(r) => {
                  setEditing(null);
                  reloadWith(reload, `${r.name} saved.`);
                }}
              />
            )}
          </>
        )}
      </Loaded>
    </Panel>
  );
}
