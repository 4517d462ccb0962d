export * from './current-customer';
export { allowCustomer, wholeApiResource } from './policy';
export { currentVerificationKey } from './verifier';
export { parseBearerToken } from './bearer';
