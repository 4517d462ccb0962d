// BigCommerce's signed payloads are valid ~24 h and carry the same claims at load, uninstall and
// remove_user (apps-guide/callbacks.mdx), so each is acted on once: its `jti` is recorded, and a
// second use — at the same callback or another — is a replay. The item expires with the payload.
import { UpdateCommand } from '../aws';
import { conditionalWrite, type PointsTable } from '../ledger';
import { spentPayloadKey } from '../table-keys';

/**
 * Records the payload as spent (one conditional write); answers false when it was already.
 *
 * @example
 * if (!(await spendPayload(table, storeHash, { jti, expiresAt }))) throw new Unauthorized();
 */
export async function spendPayload(
  table: PointsTable,
  storeHash: string,
  payload: { jti: string; expiresAt: number },
): Promise<boolean> {
  return conditionalWrite(
    table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: spentPayloadKey(storeHash, payload.jti),
        UpdateExpression: 'SET expiresAt = :exp',
        ConditionExpression: 'attribute_not_exists(pk)',
        ExpressionAttributeValues: { ':exp': payload.expiresAt },
      }),
    ),
  );
}
