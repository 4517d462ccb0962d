// Worker entry: registers tsx's loader inside the worker (a worker does not inherit the parent's
// loader hooks), then loads the TypeScript worker that runs the handler.
import { register } from 'tsx/esm/api';

register();
await import('./function-worker.ts');
