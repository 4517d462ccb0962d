// Who is calling (DESIGN §3): BigCommerce's current-customer JWT, verified with the app's client
// secret, and the authorizer policy that carries the customer to every route.
export {
  type CurrentCustomer,
  InvalidToken,
  type VerificationKey,
  verifyCurrentCustomerToken,
} from './current-customer';
export { parseBearerToken } from './bearer';
export { allowCustomer } from './policy';
export { currentVerificationKey } from './verifier';
