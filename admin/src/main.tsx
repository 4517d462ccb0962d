// Entry of the admin UI: reads what the shell page (`/app/load`) put in #bc-loyalty-admin and
// mounts the app. The session token lives only in memory from here on.
import { createRoot } from 'react-dom/client';
import { App } from './app';
import type { ShellConfig } from './types';

const config = JSON.parse(document.getElementById('bc-loyalty-admin')?.textContent ?? '{}') as ShellConfig;
const root = document.getElementById('root');
if (root) createRoot(root).render(<App config={config} />);
