// Earning: points per currency unit and which BigCommerce order statuses earn and take points
// back, stored per store; the deploy parameters are the defaults shown beside them.
import { Button, Checkbox, Fieldset, Flex, Form, FormGroup, Input, Message, Panel } from '@bigcommerce/big-design';
import { type FormEvent, useState } from 'react';
import { ORDER_STATUS_NAMES } from '../../../layers/shared/src/bigcommerce/order-statuses';
import type { AdminApi } from '../api';
import { Loaded, messageOf, useLoad } from '../load';
import type { EarningSettings, EarningValues } from '../types';

const STATUSES = Object.entries(ORDER_STATUS_NAMES).map(([id, name]) => ({ id: Number(id), name }));
const names = (ids: number[]) => ids.map((id) => ORDER_STATUS_NAMES[id] ?? `#${id}`).join(', ');

/** The field errors of the form (the API's own rules, checked before sending). */
export function earningErrors(v: EarningValues) {
  const errors: { pointsPerUnit?: string; earn?: string; reverse?: string } = {};
  if (!/^\d{1,6}(\.\d{1,6})?$/.test(v.pointsPerUnit) || Number(v.pointsPerUnit) === 0)
    errors.pointsPerUnit = 'Enter a number greater than 0, like 1 or 2.5 (up to 6 decimals).';
  if (!v.earnStatusIds.length) errors.earn = 'Choose at least one status that earns points.';
  if (v.reverseStatusIds.some((id) => v.earnStatusIds.includes(id)))
    errors.reverse = 'A status cannot both earn and take points back.';
  return errors;
}

function StatusChoices(props: { legend: string; ids: number[]; onChange: (ids: number[]) => void; error?: string }) {
  const toggle = (id: number, on: boolean) =>
    props.onChange(on ? [...props.ids, id].sort((a, b) => a - b) : props.ids.filter((x) => x !== id));
  return (
    <Fieldset legend={props.legend}>
      {props.error && <Message type="error" messages={[{ text: props.error }]} marginBottom="small" />}
      <Flex flexDirection="row" flexWrap="wrap" flexColumnGap="1.5rem">
        {STATUSES.map(({ id, name }) => (
          <Checkbox
            key={id}
            label={name}
            checked={props.ids.includes(id)}
            onChange={(e) => toggle(id, e.target.checked)}
          />
        ))}
      </Flex>
    </Fieldset>
  );
}

function EarningForm({ api, settings }: { api: AdminApi; settings: EarningSettings }) {
  const [values, setValues] = useState<EarningValues>(settings);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const errors = earningErrors(values);
  const { defaults } = settings;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(errors).length) return;
    setSaving(true);
    try {
      const saved = await api.saveEarning({
        pointsPerUnit: values.pointsPerUnit,
        earnStatusIds: values.earnStatusIds,
        reverseStatusIds: values.reverseStatusIds,
      });
      setValues(saved);
      setOutcome({ type: 'success', text: 'Earning settings saved. New orders earn with them.' });
    } catch (error) {
      setOutcome({ type: 'error', text: messageOf(error) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form onSubmit={save} noValidate fullWidth>
      {outcome && (
        <Message
          type={outcome.type}
          messages={[{ text: outcome.text }]}
          onClose={() => setOutcome(null)}
          marginBottom="medium"
        />
      )}
      <FormGroup>
        <Input
          label="Points per currency unit"
          description={`Points for each unit of an order's subtotal excluding tax, rounded down. Default: ${defaults.pointsPerUnit}.`}
          inputMode="decimal"
          required
          value={values.pointsPerUnit}
          onChange={(e) => setValues({ ...values, pointsPerUnit: e.target.value.trim() })}
          error={touched ? errors.pointsPerUnit : undefined}
        />
      </FormGroup>
      <StatusChoices
        legend={`Statuses that earn points (default: ${names(defaults.earnStatusIds)})`}
        ids={values.earnStatusIds}
        onChange={(earnStatusIds) => setValues({ ...values, earnStatusIds })}
        error={touched ? errors.earn : undefined}
      />
      <StatusChoices
        legend={`Statuses that take points back (default: ${names(defaults.reverseStatusIds)})`}
        ids={values.reverseStatusIds}
        onChange={(reverseStatusIds) => setValues({ ...values, reverseStatusIds })}
        error={touched ? errors.reverse : undefined}
      />
      <Button type="submit" isLoading={saving}>
        Save
      </Button>
    </Form>
  );
}

export function Earning({ api }: { api: AdminApi }) {
  const load = useLoad(api.earning, [api]);
  return (
    <Panel header="Earning" description="How orders earn points in this store.">
      <Loaded load={load} what="the earning settings">
        {(settings) => <EarningForm api={api} settings={settings} />}
      </Loaded>
    </Panel>
  );
}
