// OPTIONS on every /points route: the CORS preflight for the storefront origins.
import { preflightHandler } from '@bc-loyalty/shared/http';

export const handler = preflightHandler('GET,POST,OPTIONS');
