// One worker thread per function: its own module cache and environment, like a Lambda container.
// Receives { id, event } messages and answers { id, result } or { id, error }.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

interface WorkerInput { entry: string; exportName: string; functionName: string }
type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const { entry, exportName, functionName } = workerData as WorkerInput;
const loaded = import(pathToFileURL(entry).href).then((module: Record<string, unknown>) => {
  const handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`${entry} does not export ${exportName}`);
  return handler as Handler;
});

// Like Lambda's init phase, loading the handler is not part of an invocation's timeout.
loaded.then(() => parentPort?.postMessage({ ready: true }), (error: Error) => parentPort?.postMessage({ ready: false, message: error.message }));

parentPort?.on('message', async ({ id, event, requestId }: { id: number; event: unknown; requestId: string }) => {
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
  };
  try {
    const result = await (await loaded)(event, context);
    parentPort?.postMessage({ id, result });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort?.postMessage({ id, error: { name: e.name, message: e.message, stack: e.stack } });
  }
});
