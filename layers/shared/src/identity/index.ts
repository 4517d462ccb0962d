export * from './current-customer';
export { allowCustomer } from './policy';
export { currentVerificationKey } from './verifier';
export { parseBearerToken } from './bearer';
