// Add or edit a reward: the catalog's fields (the same rules as `npm run rewards -- add`), checked
// here first so the merchant sees what to fix beside the field.
import { Form, FormGroup, Input, Message, Modal, Select } from '@bigcommerce/big-design';
import { type FormEvent, useState } from 'react';
import type { AdminApi } from '../api';
import { messageOf } from '../load';
import type { AdminReward, RewardDiscount, RewardInput } from '../types';

type DiscountType = RewardDiscount['type'];
interface Draft {
  id: string;
  name: string;
  pointsCost: string;
  type: DiscountType;
  amount: string;
  minimumSubtotal: string;
}

const draftOf = (r?: AdminReward): Draft => ({
  id: r?.id ?? '',
  name: r?.name ?? '',
  pointsCost: r ? String(r.pointsCost) : '',
  type: r?.discount.type ?? 'fixed_amount',
  amount: r && r.discount.type !== 'free_shipping' ? r.discount.amount : '',
  minimumSubtotal: r?.minimumSubtotal ?? '',
});

const MONEY = /^\d{1,7}(\.\d{1,2})?$/;

/** The field errors of a draft; none means it may be sent. */
export function rewardErrors(d: Draft) {
  const errors: Partial<Record<keyof Draft, string>> = {};
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(d.id)) errors.id = 'Lowercase letters, digits and hyphens, like five-off.';
  if (!d.name.trim() || d.name.length > 100) errors.name = 'Enter a name of up to 100 characters.';
  const cost = Number(d.pointsCost);
  if (!/^\d+$/.test(d.pointsCost) || cost < 1 || cost > 1_000_000) errors.pointsCost = 'Enter 1 to 1,000,000 points.';
  // As the API checks them (rewards/catalog.ts): BigCommerce refuses a discount of nothing or over 100%.
  if (d.type === 'fixed_amount' && !(MONEY.test(d.amount) && Number(d.amount) > 0))
    errors.amount = 'Enter an amount above 0, like 5 or 4.99.';
  if (d.type === 'percentage' && !(MONEY.test(d.amount) && Number(d.amount) > 0 && Number(d.amount) <= 100))
    errors.amount = 'Enter a percentage from 0.01 to 100.';
  if (d.minimumSubtotal && !MONEY.test(d.minimumSubtotal)) errors.minimumSubtotal = 'Enter an amount like 25.';
  return errors;
}

const inputOf = (d: Draft): RewardInput => ({
  id: d.id,
  name: d.name.trim(),
  pointsCost: Number(d.pointsCost),
  discount: d.type === 'free_shipping' ? { type: d.type } : { type: d.type, amount: d.amount },
  ...(d.minimumSubtotal ? { minimumSubtotal: d.minimumSubtotal } : {}),
});

interface Props {
  api: AdminApi;
  /** The reward to edit; none to add one. */
  reward?: AdminReward;
  onClose: () => void;
  onSaved: (reward: AdminReward) => void;
}

export function RewardModal({ api, reward, onClose, onSaved }: Props) {
  const [draft, setDraft] = useState(() => draftOf(reward));
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState('');
  const errors = rewardErrors(draft);
  const shown = (field: keyof Draft) => (touched ? errors[field] : undefined);
  const set = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));
  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    setTouched(true);
    if (Object.keys(errors).length) return;
    setSaving(true);
    setFailure('');
    try {
      const { id, ...changes } = inputOf(draft);
      onSaved(reward ? await api.updateReward(id, changes) : await api.addReward({ id, ...changes }));
    } catch (error) {
      setFailure(messageOf(error));
      setSaving(false);
    }
  };
  return (
    <Modal
      isOpen
      header={reward ? `Edit ${reward.name}` : 'Add a reward'}
      onClose={onClose}
      closeOnEscKey
      actions={[
        { text: 'Cancel', variant: 'subtle', onClick: onClose, disabled: saving },
        { text: reward ? 'Save' : 'Add reward', onClick: () => void save(), isLoading: saving },
      ]}
    >
      <Form onSubmit={save} noValidate>
        <FormGroup>
          <Input
            label="Id"
            description="Shown in codes' promotion names; cannot change later."
            required
            disabled={Boolean(reward)}
            value={draft.id}
            onChange={(e) => set({ id: e.target.value.trim() })}
            error={shown('id')}
          />
        </FormGroup>
        <FormGroup>
          <Input
            label="Name"
            required
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            error={shown('name')}
          />
        </FormGroup>
        <FormGroup>
          <Input
            label="Points cost"
            inputMode="numeric"
            required
            value={draft.pointsCost}
            onChange={(e) => set({ pointsCost: e.target.value.trim() })}
            error={shown('pointsCost')}
          />
        </FormGroup>
        <FormGroup>
          <Select<DiscountType>
            label="Discount"
            required
            value={draft.type}
            onOptionChange={(type) => type && set({ type })}
            options={[
              { value: 'fixed_amount', content: 'Amount off the order' },
              { value: 'percentage', content: 'Percentage off the order' },
              { value: 'free_shipping', content: 'Free shipping' },
            ]}
          />
        </FormGroup>
        {draft.type !== 'free_shipping' && (
          <FormGroup>
            <Input
              label={draft.type === 'percentage' ? 'Percentage' : 'Amount'}
              inputMode="decimal"
              required
              value={draft.amount}
              onChange={(e) => set({ amount: e.target.value.trim() })}
              error={shown('amount')}
            />
          </FormGroup>
        )}
        <FormGroup>
          <Input
            label="Minimum order subtotal (optional)"
            inputMode="decimal"
            value={draft.minimumSubtotal}
            onChange={(e) => set({ minimumSubtotal: e.target.value.trim() })}
            error={shown('minimumSubtotal')}
          />
        </FormGroup>
        {failure && <Message type="error" messages={[{ text: failure }]} marginTop="medium" />}
      </Form>
    </Modal>
  );
}
