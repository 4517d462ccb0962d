// Loading and error states, once for every page: a page asks for data with useLoad and renders it
// inside <Loaded>, which shows a spinner while it loads and the API's message when it fails.
import { Box, Message, ProgressCircle } from '@bigcommerce/big-design';
import { type DependencyList, type ReactNode, useEffect, useState } from 'react';
import { SessionEnded } from './api';

export type Load<T> =
  | { state: 'loading' }
  | { state: 'failed'; message: string; retry: () => void }
  | { state: 'loaded'; data: T; reload: () => void };

/** Runs `fetcher` on mount, when `deps` change and on reload or retry; the latest answer wins. */
export function useLoad<T>(fetcher: () => Promise<T>, deps: DependencyList): Load<T> {
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the fetcher depends on; a retry is another attempt.
  useEffect(() => {
    let current = true;
    const again = () => setAttempt((n) => n + 1);
    setLoad({ state: 'loading' });
    fetcher().then(
      (data) => current && setLoad({ state: 'loaded', data, reload: again }),
      (error: unknown) => current && setLoad({ state: 'failed', message: messageOf(error), retry: again }),
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  return load;
}

/** What to tell the merchant about a failed call. */
export const messageOf = (error: unknown): string =>
  error instanceof SessionEnded
    ? 'Your session has ended — reopen the app from the control panel'
    : error instanceof Error
      ? error.message
      : 'Something went wrong';

interface LoadedProps<T> {
  load: Load<T>;
  /** Names what is loading, for screen readers ("Loading customers"). */
  what: string;
  children: (data: T, reload: () => void) => ReactNode;
}

export function Loaded<T>({ load, what, children }: LoadedProps<T>) {
  if (load.state === 'loading')
    return (
      <Box padding="large" role="status" aria-label={`Loading ${what}`}>
        <ProgressCircle size="small" />
      </Box>
    );
  if (load.state === 'failed')
    return (
      <Message
        type="error"
        header={`Could not load ${what}`}
        messages={[{ text: load.message }]}
        actions={[{ text: 'Try again', onClick: load.retry }]}
        marginVertical="medium"
      />
    );
  return <>{children(load.data, load.reload)}</>;
}
