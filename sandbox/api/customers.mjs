// Customers are CRM cards in the customers folder. /accounting/customers/create/ is a
// find-or-create: SearchMode picks which field finds an existing card (None, the default,
// always creates). Documents resolve their Details.Customer the same way.
import { ApiError } from '../lib/messages.mjs';
import { CUSTOMER_SEARCH, enumCode } from './enums.mjs';

/** Customer fields of the API and the CRM property each one fills. */
export const CUSTOMER_FIELDS = {
  Name: 'Customers_FullName',
  Phone: 'Customers_Phone',
  EmailAddress: 'Customers_EmailAddress',
  City: 'Customers_City',
  Address: 'Customers_Address',
  ZipCode: 'Customers_ZipCode',
  CompanyNumber: 'Customers_CompanyNumber',
  ExternalIdentifier: 'Customers_ExternalIdentifier',
  NoVAT: 'Customers_NoVAT',
};

const SEARCH = { Automatic: 0, None: 1, ExternalIdentifier: 2, Name: 3, CompanyNumber: 4, Phone: 5, EmailAddress: 6 };
const AUTOMATIC_ORDER = ['ExternalIdentifier', 'CompanyNumber', 'EmailAddress', 'Phone', 'Name'];

const normal = (field, v) => (field === 'Phone' ? String(v).replace(/\D/g, '') : String(v).trim().toLocaleLowerCase());
const given = (v) => v !== null && v !== undefined && String(v).trim() !== '';

export function customersFolder(sb, companyId) {
  return sb.crm.folderOfKind(companyId, 'customers');
}

function findBy(sb, companyId, folder, field, value) {
  const key = CUSTOMER_FIELDS[field];
  const want = normal(field, value);
  if (!want) return null;
  const rows = sb.crm.list(companyId, folder, { start: 0, size: Number.MAX_SAFE_INTEGER }).rows;
  return rows.find((r) => (r.props[key] || []).some((v) => normal(field, v) === want)) || null;
}

/** The customer a Details.Customer object designates: found by ID or SearchMode, or created. */
export function resolveCustomer(sb, companyId, details, { create = true } = {}) {
  const folder = customersFolder(sb, companyId);
  if (given(details.ID) && details.ID !== 0) {
    const row = sb.crm.row(companyId, details.ID);
    if (!row || row.status === 2 || row.folder_id !== folder.id) throw new ApiError('customer_not_found', { id: details.ID });
    return { row, created: false };
  }
  const mode = enumCode(CUSTOMER_SEARCH, details.SearchMode, SEARCH.None);
  const fields = mode === SEARCH.Automatic ? AUTOMATIC_ORDER
    : mode === SEARCH.None ? [] : [Object.keys(SEARCH).find((k) => SEARCH[k] === mode)];
  for (const field of fields) {
    if (!given(details[field])) continue;
    const row = findBy(sb, companyId, folder, field, details[field]);
    if (row) return { row, created: false };
  }
  if (!create) return { row: null, created: false };
  if (!given(details.Name)) throw new ApiError('customer_name_required');
  return { row: sb.crm.create(companyId, folder, customerProps(details)), created: true };
}

/** The CRM properties of a customer object (Details.Properties may add custom ones). */
export function customerProps(details) {
  const props = { ...(details.Properties || {}) };
  for (const [field, key] of Object.entries(CUSTOMER_FIELDS)) {
    if (given(details[field]) || details[field] === false) props[key] = details[field];
  }
  return props;
}

/** The customer as documents/getdetails answers it. */
export function customerAnswer(sb, row) {
  const first = (key) => (row.props[key] || [])[0] ?? null;
  const out = { ID: row.id };
  for (const [field, key] of Object.entries(CUSTOMER_FIELDS)) out[field] = first(key);
  out.NoVAT = !!out.NoVAT;
  return out;
}

export const historyUrl = (sb, id) => `${sb.baseUrl}/__customers/${id}`;

export const routes = {
  '/accounting/customers/create/': ({ body, company, sb }) => {
    const { row } = resolveCustomer(sb, company.id, body.Details);
    return { CustomerID: row.id, CustomerHistoryURL: historyUrl(sb, row.id) };
  },

  '/accounting/customers/update/': ({ body, company, sb }) => {
    const { row } = resolveCustomer(sb, company.id, body.Details, { create: false });
    if (!row) throw new ApiError('customer_not_found', { id: body.Details.ID ?? '' });
    const props = customerProps(body.Details);
    sb.crm.update(company.id, row.id, props);
    return { CustomerID: row.id };
  },

  '/accounting/customers/getdetailsurl/': ({ body, company, sb }) => {
    if (!body.CustomerID) throw new ApiError('customer_not_found', { id: '' });
    const { row } = resolveCustomer(sb, company.id, { ID: body.CustomerID }, { create: false });
    return { CustomerHistoryURL: historyUrl(sb, row.id) };
  },
};
