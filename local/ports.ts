// Ports of the local stack. Every server binds 127.0.0.1, so the URLs we print use it too (a
// `localhost` that resolves to ::1 first reaches nothing, or someone else's server).
import { createServer, type Server } from 'node:net';

export const LOCAL_HOST = '127.0.0.1';

/** The port a listening server got (the one `listen(0)` chose). */
export function portOf(server: Pick<Server, 'address'>): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** A port nothing listens on right now (for tests and benchmarks). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, LOCAL_HOST, () => {
      const port = portOf(server);
      server.close(() => resolvePort(port));
    });
  });
}

function inUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'EADDRINUSE' || error.code === 'EACCES'),
    );
    // No host: the wildcard address collides with a server on any interface (DynamoDB Local binds all).
    probe.listen(port, () => probe.close(() => resolve(false)));
  });
}

/**
 * Refuses to start when a port is taken: otherwise a busy DYNAMODB_PORT lets the stack report
 * "up" against someone else's DynamoDB, and a busy API_PORT ends in an EADDRINUSE stack trace.
 * @throws Error "port N in use — set VARIABLE" for the first busy one (port 0 means any: skipped)
 */
export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  for (const [variable, port] of Object.entries(ports)) {
    if (port !== 0 && (await inUse(port))) throw new Error(`port ${port} in use — set ${variable}`);
  }
}
