// The BigCommerce app's callbacks (DESIGN §12, docs/app.md): the install's token exchange, the
// signed payloads of load / uninstall / remove_user, the admin shell page, and the store's setup.
export { apiBaseOf, appPageHandler, signedPayloadQuery, verifiedCallback, webhookUrlOf } from './callbacks';
export { admitLoad, admitUninstall, spendCallback } from './callback-access';
export { installApp, uninstallApp } from './install';
export { type CodeExchange, exchangeCode, type TokenGrant } from './oauth';
export { type AdminBoot, adminShellPage, errorPage } from './pages';
export { type AppPayload, InvalidAppPayload, type PayloadUser, verifyAppPayload } from './signed-payload';
export { type StoreSetup, setUpStore, tearDownStore, WIDGET_SCRIPT_NAME } from './store-setup';
