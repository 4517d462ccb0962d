// The control-panel admin session (DESIGN §12): issued at `load`, verified by the admin authorizer.
export {
  ADMIN_SESSION_SECONDS,
  type AdminIdentity,
  adminSessionKey,
  InvalidAdminSession,
  signAdminSession,
  verifyAdminSession,
} from './session';
export { checkAdminSession } from './check';
export { allowAdmin } from './policy';
