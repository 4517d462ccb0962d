// SQS for the admin's health page (admin/dead-letters.ts), a subpath of its own and loaded on first
// use, as kms.ts: bundled into the admin subpath it made that bundle 178 KB (its own copy of the SDK
// core), parsed at every cold start of the admin API for a call only the health page makes.
export { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
