// One Lambda execution environment's runtime (see execution-environment.ts): loads the handler
// once, then runs the invocations it is sent, one at a time, answering { result } or { error }.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

interface WorkerInput {
  entry: string;
  exportName: string;
  functionName: string;
  memorySize: number;
  logStreamName: string;
}
type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const { entry, exportName, functionName, memorySize, logStreamName } = workerData as WorkerInput;
const loaded = import(pathToFileURL(entry).href).then((module: Record<string, unknown>) => {
  const handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`${entry} does not export ${exportName}`);
  return handler as Handler;
});

// Like Lambda's init phase, loading the handler is not part of an invocation's timeout.
loaded.then(
  () => parentPort?.postMessage({ ready: true }),
  (error: Error) => parentPort?.postMessage({ ready: false, message: error.message }),
);

parentPort?.on(
  'message',
  async ({ event, requestId, deadline }: { event: unknown; requestId: string; deadline: number }) => {
    const context = {
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${functionName}`,
      memoryLimitInMB: String(memorySize),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${functionName}`,
      logStreamName,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    try {
      const result = await (await loaded)(event, context);
      parentPort?.postMessage({ result });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      parentPort?.postMessage({ error: { name: e.name, message: e.message, stack: e.stack } });
    }
  },
);
