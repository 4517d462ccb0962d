// "Adjust points": a signed whole number and a required reason (it becomes the ledger entry's
// reason). One Idempotency-Key per intended change: a retry of the same values (after a network
// error) reuses it, so the change is applied once; other values get a new key.
import { Form, FormGroup, Input, Message, Modal, Textarea } from '@bigcommerce/big-design';
import { type FormEvent, useMemo, useState } from 'react';
import type { AdminApi } from '../api';
import { idempotencyKey, points as formatPoints } from '../format';
import { messageOf } from '../load';

const LIMIT = 1_000_000;

/** The field errors of the form; none means it may be sent. */
export function adjustmentErrors(pointsText: string, reason: string, balance: number) {
  const value = Number(pointsText);
  const errors: { points?: string; reason?: string } = {};
  if (!/^[-+]?\d+$/.test(pointsText.trim()) || value === 0 || Math.abs(value) > LIMIT)
    errors.points = `Enter a whole number other than 0, from −${formatPoints(LIMIT)} to ${formatPoints(LIMIT)}.`;
  else if (balance + value < 0) errors.points = `The balance is ${formatPoints(balance)}: it cannot go below zero.`;
  if (!reason.trim()) errors.reason = 'Enter a reason: the customer’s history shows it.';
  else if (reason.trim().length > 200) errors.reason = 'Keep the reason to 200 characters.';
  return errors;
}

interface Props {
  api: AdminApi;
  customerId: number;
  balance: number;
  onClose: () => void;
  onDone: (balance: number) => void;
}

export function AdjustModal({ api, customerId, balance, onClose, onDone }: Props) {
  const [pointsText, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState('');
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key exactly when the values change.
  const key = useMemo(idempotencyKey, [pointsText, reason]);
  const errors = adjustmentErrors(pointsText, reason, balance);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setTouched(true);
    if (errors.points || errors.reason) return;
    setSending(true);
    setFailure('');
    try {
      const result = await api.adjust(customerId, Number(pointsText), reason.trim(), key);
      onDone(result.balance);
    } catch (error) {
      setFailure(messageOf(error));
      setSending(false);
    }
  };
  return (
    <Modal
      isOpen
      header="Adjust points"
      onClose={onClose}
      closeOnEscKey
      actions={[
        { text: 'Cancel', variant: 'subtle', onClick: onClose, disabled: sending },
        { text: 'Adjust', onClick: () => void submit(), isLoading: sending },
      ]}
    >
      <Form id="adjust-points" onSubmit={submit} noValidate>
        <FormGroup>
          <Input
            label="Points"
            description="Positive to add, negative to take away."
            inputMode="numeric"
            required
            value={pointsText}
            onChange={(e) => setPoints(e.target.value)}
            error={touched ? errors.points : undefined}
          />
        </FormGroup>
        <FormGroup>
          <Textarea
            label="Reason"
            required
            rows={3}
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={touched ? errors.reason : undefined}
          />
        </FormGroup>
        {failure && <Message type="error" messages={[{ text: failure }]} marginTop="medium" />}
      </Form>
    </Modal>
  );
}
