// KMS for the token vault (stores/token-vault.ts), a subpath of its own and loaded on first use:
// in the shared `aws` module it added ~10 ms to every function's cold start (measured: docs/app.md),
// and only the functions that call BigCommerce for app-installed stores ever decrypt.
export { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
