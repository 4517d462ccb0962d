// How many batches the mirror gave up on (its dead-letter queue), for the admin's health page.
// In AWS the queue is SQS (ApproximateNumberOfMessages, which SQS itself calls approximate); the
// local stack's stand-in is a folder of JSON files (`file://…`), one per dead-lettered batch.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SQSClient } from '@aws-sdk/client-sqs';

/** The count, or null with the reason it is unknown. */
export type DeadLetterCount = { count: number } | { count: null; reason: string };

let sqs: SQSClient | undefined;

/** The messages waiting in the queue at `queueUrl` (an SQS URL or a local `file://` folder). */
export async function deadLetterCount(queueUrl: string | undefined): Promise<DeadLetterCount> {
  if (!queueUrl) return { count: null, reason: 'no dead-letter queue is configured for this function' };
  if (queueUrl.startsWith('file://')) {
    try {
      return { count: readdirSync(fileURLToPath(queueUrl)).filter((f) => f.endsWith('.json')).length };
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return missing ? { count: 0 } : { count: null, reason: 'the local dead-letter folder cannot be read' };
    }
  }
  try {
    const { GetQueueAttributesCommand, SQSClient } = await import('../sqs'); // loaded by this page only
    sqs ??= new SQSClient({});
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    return { count: Number(Attributes?.ApproximateNumberOfMessages ?? 0) };
  } catch {
    return { count: null, reason: 'SQS did not answer' };
  }
}
