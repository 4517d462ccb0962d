// The token vault: a store's access token is encrypted before it is written to the table and
// decrypted only by functions that call BigCommerce (DESIGN §12, docs/app.md). In AWS, KMS Encrypt /
// Decrypt directly (a token is far below KMS's 4 KB limit) under one key, with the store hash as the
// EncryptionContext: a ciphertext copied onto another store's record does not decrypt. Locally, an
// AES-256-GCM stand-in with the same interface (the store hash as additional data) and its key in a
// git-ignored file. The vault is chosen by TOKEN_KEY_ID: a KMS key, or `local:<file>`.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KMSClient } from '@aws-sdk/client-kms';
import { settings } from '../config';

/** Encrypts and decrypts store access tokens, bound to their store. */
export interface TokenVault {
  encrypt(storeHash: string, token: string): Promise<string>;
  /** @throws Error when the ciphertext was not made for this store (or not by this vault's key). */
  decrypt(storeHash: string, ciphertext: string): Promise<string>;
}

const LOCAL_PREFIX = 'local:';
const context = (storeHash: string) => ({ storeHash });

/** KMS under `keyId`; the ciphertext is KMS's blob in base64 (it names the key itself). */
export function kmsVault(keyId: string, kmsClient?: KMSClient): TokenVault {
  let client = kmsClient;
  // The KMS SDK is its own layer subpath, loaded on the first call (see kms.ts).
  const kms = async () => {
    const sdk = await import('../kms');
    client ??= new sdk.KMSClient({});
    return { client, ...sdk };
  };
  return {
    async encrypt(storeHash, token) {
      const { client, EncryptCommand } = await kms();
      const { CiphertextBlob } = await client.send(
        new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(token), EncryptionContext: context(storeHash) }),
      );
      return Buffer.from(CiphertextBlob!).toString('base64');
    },
    async decrypt(storeHash, ciphertext) {
      const { client, DecryptCommand } = await kms();
      const { Plaintext } = await client.send(
        new DecryptCommand({
          KeyId: keyId,
          CiphertextBlob: Buffer.from(ciphertext, 'base64'),
          EncryptionContext: context(storeHash),
        }),
      );
      return Buffer.from(Plaintext!).toString('utf8');
    },
  };
}

/** The local stand-in: AES-256-GCM, key read from `keyFile` (created with a random key if missing). */
export function localVault(keyFile: string): TokenVault {
  const key = localKey(keyFile);
  if (key.length !== 32) throw new Error(`the local token key in ${keyFile} is not 32 bytes`);
  return {
    async encrypt(storeHash, token) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(storeHash));
      const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
      return `${LOCAL_PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
    },
    async decrypt(storeHash, ciphertext) {
      if (!ciphertext.startsWith(LOCAL_PREFIX)) throw new Error('not a local-vault ciphertext');
      const raw = Buffer.from(ciphertext.slice(LOCAL_PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12)).setAAD(Buffer.from(storeHash));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** The key in `keyFile`, created first if missing (linked into place: concurrent workers agree on one). */
function localKey(keyFile: string): Buffer {
  mkdirSync(dirname(keyFile), { recursive: true });
  const draft = `${keyFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(32).toString('base64'), { mode: 0o600 });
  try {
    linkSync(draft, keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
}

/**
 * A store's token is needed but this process has no vault (TOKEN_KEY_ID unset): a configuration
 * error, never "not installed": whatever needed the token stays to be retried once it is set.
 */
export class TokenVaultMissing extends Error {
  constructor() {
    super(
      "no token vault to read an app-installed store's access token: set TOKEN_KEY_ID (the stack output " +
        'TokenKeyId; kms:Decrypt on that key) and run again',
    );
    this.name = 'TokenVaultMissing';
  }
}

let containerVault: TokenVault | undefined;
/**
 * This container's vault, from TOKEN_KEY_ID (a KMS key, or `local:<file>`).
 *
 * @throws TokenVaultMissing when TOKEN_KEY_ID is not set: this process was not given access to store tokens.
 */
export function tokenVault(): TokenVault {
  const keyId = settings().tokenKeyId;
  if (!keyId) throw new TokenVaultMissing();
  containerVault ??= keyId.startsWith(LOCAL_PREFIX) ? localVault(keyId.slice(LOCAL_PREFIX.length)) : kmsVault(keyId);
  return containerVault;
}
