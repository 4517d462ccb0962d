// Customers: search by email or name (BigCommerce's Customers API behind /admin/customers), then
// one customer's balance, ledger and adjustments.
import { Button, Panel, Search, Table, Text } from '@bigcommerce/big-design';
import { type FormEvent, useState } from 'react';
import type { AdminApi } from '../api';
import { points } from '../format';
import { Loaded, useLoad } from '../load';
import type { CustomerSummary } from '../types';
import { CustomerDetail } from './customer-detail';

const fullName = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`.trim();

function Results({ api, query, onOpen }: { api: AdminApi; query: string; onOpen: (c: CustomerSummary) => void }) {
  const load = useLoad(() => api.searchCustomers(query), [api, query]);
  return (
    <Loaded load={load} what="customers">
      {({ items }) => (
        <Table
          itemName="Customers"
          keyField="id"
          items={items}
          emptyComponent={<Text>No customer matches “{query}”.</Text>}
          columns={[
            { header: 'Name', hash: 'name', render: (c) => fullName(c) || '—' },
            { header: 'Email', hash: 'email', render: (c) => c.email },
            { header: 'Balance', hash: 'balance', align: 'right', render: (c) => points(c.balance) },
            { header: 'Earned (lifetime)', hash: 'earned', align: 'right', render: (c) => points(c.lifetimeEarned) },
            {
              header: 'Actions',
              hideHeader: true,
              hash: 'open',
              align: 'right',
              render: (c) => (
                <Button variant="subtle" onClick={() => onOpen(c)} aria-label={`View ${fullName(c) || c.email}`}>
                  View
                </Button>
              ),
            },
          ]}
        />
      )}
    </Loaded>
  );
}

export function Customers({ api }: { api: AdminApi }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<CustomerSummary | null>(null);
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = text.trim().slice(0, 100);
    if (q) {
      setOpen(null);
      setQuery(q);
    }
  };
  if (open) return <CustomerDetail api={api} id={open.id} onBack={() => setOpen(null)} />;
  return (
    <Panel header="Find a customer" description="Search by email address or by name.">
      <Search
        aria-label="Email or name"
        placeholder="Email or name"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onSubmit={search}
        maxLength={100}
      />
      {query && <Results api={api} query={query} onOpen={setOpen} />}
    </Panel>
  );
}
