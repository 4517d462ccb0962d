// The admin's frame: BigDesign's global styles, the store's header, one tab per page, and the one
// message every page falls back to when the session ends.
import { Box, GlobalStyles, H1, Message, Tabs, Text } from '@bigcommerce/big-design';
import { useMemo, useState } from 'react';
import { AdminApi } from './api';
import { Customers } from './pages/customers';
import { Earning } from './pages/earning';
import { Health } from './pages/health';
import { Overview } from './pages/overview';
import { Rewards } from './pages/rewards';
import type { ShellConfig } from './types';

const pages = [
  { id: 'overview', title: 'Overview', Page: Overview },
  { id: 'customers', title: 'Customers', Page: Customers },
  { id: 'earning', title: 'Earning', Page: Earning },
  { id: 'rewards', title: 'Rewards', Page: Rewards },
  { id: 'health', title: 'Installation health', Page: Health },
] as const;
type PageId = (typeof pages)[number]['id'];

export function App({ config }: { config: ShellConfig }) {
  const [active, setActive] = useState<PageId>('overview');
  const [ended, setEnded] = useState(!config.session);
  const api = useMemo(() => new AdminApi(config.apiBase, config.session, () => setEnded(true)), [config]);
  const page = pages.find((p) => p.id === active) ?? pages[0];
  return (
    <>
      <GlobalStyles />
      <Box as="main" backgroundColor="secondary10" padding="xLarge" style={{ minHeight: '100vh' }}>
        <H1>Loyalty points</H1>
        <Text color="secondary60">
          Store {config.storeHash}
          {config.user?.email ? ` · signed in as ${config.user.email}` : ''}
        </Text>
        {ended ? (
          <Message
            type="warning"
            header="Your session has ended — reopen the app from the control panel"
            messages={[{ text: 'For your security the admin session is short-lived and kept only in this page.' }]}
            marginTop="large"
          />
        ) : (
          <>
            <Box marginTop="medium">
              <Tabs
                activeTab={active}
                items={pages.map(({ id, title }) => ({ id, title, ariaControls: `panel-${id}` }))}
                onTabClick={(id) => setActive(id as PageId)}
              />
            </Box>
            {/* Every tab's panel exists (aria-controls must point somewhere); only the active one renders. */}
            {pages.map(({ id, Page }) => (
              <Box
                key={id}
                id={`panel-${id}`}
                role="tabpanel"
                aria-labelledby={id}
                hidden={id !== page.id}
                marginTop="large"
              >
                {id === page.id && <Page api={api} />}
              </Box>
            ))}
          </>
        )}
      </Box>
    </>
  );
}
