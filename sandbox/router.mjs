// Every endpoint the sandbox serves, by path. Each family lives in its own module under api/.
import { routes as company } from './api/company.mjs';
import { routes as crm } from './api/crm.mjs';
import { routes as customers } from './api/customers.mjs';
import { routes as documents } from './api/documents.mjs';
import { routes as messaging } from './api/messaging.mjs';
import { routes as triggers } from './api/triggers.mjs';

export const ROUTES = { ...company, ...crm, ...customers, ...documents, ...messaging, ...triggers };

/** SUMIT's paths are lower-case with a trailing slash; a missing slash or other case still routes. */
export function normalizePath(pathname) {
  const p = pathname.toLowerCase();
  return p.endsWith('/') ? p : `${p}/`;
}
