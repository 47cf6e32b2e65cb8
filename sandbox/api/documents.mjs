// Accounting documents: create (totals in exact decimals, numbers per type, the document is
// also a CRM card, so DocumentID = EntityID), getdetails, send (e-mails are recorded in an
// outbox that tests read), and incomeitems/list. Amounts go through lib/money.mjs only.
import { ApiError } from '../lib/messages.mjs';
import { israelDateTime, israelDay, israelMidnight, parseDate, daysBetween } from '../lib/dates.mjs';
import * as money from '../lib/money.mjs';
import { nextId } from '../store/db.mjs';
import { CURRENCY, DOCUMENT_TYPE, ITEM_SEARCH, LANGUAGE, PAYMENT_TYPE, enumCode, enumName } from './enums.mjs';
import { customerAnswer, resolveCustomer } from './customers.mjs';

export const DEFAULT_VAT_RATE = '18';
const FIRST_NUMBER = 10001;
// Receipts carry payments only; the invoice-receipts carry items whose total the payments must match.
const RECEIPTS = new Set([2, 4, 7, 14]);
const INVOICE_RECEIPTS = new Set([1, 6]);
const NO_VAT = new Set([2, 4, 7, 14]);
const EXPENSES = new Set([15, 16, 17, 18, 19, 20, 21, 22]);
const PAYMENT_DETAILS = {
  Details_General: 1, Details_Cash: 2, Details_BankTransfer: 3, Details_Cheque: 4,
  Details_CreditCard: 5, Details_Digital: 6, Details_TaxWithholding: 7, Details_Other: 8,
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const amount = (value, field) => {
  try {
    return money.toUnits(value);
  } catch {
    throw new ApiError('invalid_field', { field, detail: 'amount' });
  }
};
const given = (v) => v !== null && v !== undefined;

function findIncomeItem(sb, companyId, item) {
  const all = sb.db.prepare('SELECT * FROM income_items WHERE company_id = ? ORDER BY id').all(companyId);
  if (given(item.ID) && item.ID) return all.find((r) => r.id === item.ID) || null;
  const mode = enumCode(ITEM_SEARCH, item.SearchMode, 0);
  const by = (col, v) => given(v) && String(v).trim() !== ''
    ? all.find((r) => String(r[col] ?? '').trim().toLocaleLowerCase() === String(v).trim().toLocaleLowerCase()) : null;
  switch (mode) {
    case 1: return null;
    case 2: return by('external_identifier', item.ExternalIdentifier);
    case 3: return by('name', item.Name);
    case 4: return by('sku', item.SKU);
    case 5: return by('description', item.Description);
    default: return by('external_identifier', item.ExternalIdentifier) || by('sku', item.SKU) || by('name', item.Name);
  }
}

function createIncomeItem(sb, companyId, item) {
  const id = nextId(sb.db, companyId);
  sb.db.prepare(`INSERT INTO income_items (id, company_id, name, description, price, cost, currency, sku, external_identifier)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, companyId, item.Name, item.Description ?? null,
    given(item.Price) ? money.format(amount(item.Price, 'Item.Price'), 4) : null,
    given(item.Cost) ? money.format(amount(item.Cost, 'Item.Cost'), 4) : null,
    enumCode(CURRENCY, item.Currency, 0), item.SKU ?? null, item.ExternalIdentifier ?? null);
  return sb.db.prepare('SELECT * FROM income_items WHERE id = ?').get(id);
}

/** Lines with exact totals; income items are found (or noted for creation) but nothing is written. */
function readItems(sb, companyId, items) {
  return (items || []).map((line, index) => {
    const item = line.Item || {};
    const found = item.ID || item.Name || item.SKU || item.ExternalIdentifier ? findIncomeItem(sb, companyId, item) : null;
    if (item.ID && !found) throw new ApiError('invalid_field', { field: `Items[${index}].Item.ID`, detail: 'no such income item' });
    const name = item.Name || found?.name || line.Description;
    if (!name) throw new ApiError('document_item_name_required', { index });
    const quantity = amount(line.Quantity ?? 1, `Items[${index}].Quantity`);
    const unitGiven = line.UnitPrice ?? line.DocumentCurrency_UnitPrice;
    const totalGiven = line.TotalPrice ?? line.DocumentCurrency_TotalPrice;
    let unit = given(unitGiven) ? amount(unitGiven, `Items[${index}].UnitPrice`)
      : given(item.Price) ? amount(item.Price, `Items[${index}].Item.Price`)
        : found?.price ? money.toUnits(found.price) : null;
    if (unit === null && !given(totalGiven)) throw new ApiError('document_item_price_required', { index });
    const total = given(totalGiven) ? money.roundAgorot(amount(totalGiven, `Items[${index}].TotalPrice`)) : money.multiply(quantity, unit);
    if (unit === null) unit = total;
    const vat = given(line.VAT ?? line.DocumentCurrency_VAT) ? amount(line.VAT ?? line.DocumentCurrency_VAT, `Items[${index}].VAT`) : null;
    return { index, item, found, name, description: line.Description ?? null, quantity, unit, total, vat };
  });
}

function readPayments(payments) {
  return (payments || []).map((p, index) => {
    const detailsKey = Object.keys(PAYMENT_DETAILS).find((k) => given(p[k]));
    const type = enumCode(PAYMENT_TYPE, p.Type, 0) || (detailsKey ? PAYMENT_DETAILS[detailsKey] : 1);
    const value = p.Amount ?? p.DocumentCurrency_Amount;
    if (!given(value)) throw new ApiError('invalid_field', { field: `Payments[${index}].Amount`, detail: 'required' });
    return { type, amount: amount(value, `Payments[${index}].Amount`), detailsKey, details: detailsKey ? p[detailsKey] : null };
  });
}

function numberFor(sb, companyId, type) {
  const row = sb.db.prepare('SELECT next FROM document_counters WHERE company_id = ? AND type = ?').get(companyId, type);
  const number = row ? row.next : FIRST_NUMBER;
  sb.db.prepare('INSERT INTO document_counters (company_id, type, next) VALUES (?, ?, ?) ON CONFLICT (company_id, type) DO UPDATE SET next = excluded.next')
    .run(companyId, type, number + 1);
  return number;
}

export function downloadUrl(sb, id) {
  return `${sb.baseUrl}/__docs/${id}`;
}

function recordEmail(sb, companyId, { to, documentId, original = true, paymentRequest = false, language = null, personalMessage = null }) {
  if (!EMAIL.test(to)) throw new ApiError('invalid_email', { value: to });
  sb.db.prepare(`INSERT INTO outbox_emails (company_id, to_address, document_id, original, payment_request, language, personal_message, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(companyId, to, documentId, original ? 1 : 0, paymentRequest ? 1 : 0, language, personalMessage, israelDateTime());
}

function createDocument({ body, company, sb }) {
  const d = body.Details;
  const type = enumCode(DOCUMENT_TYPE, d.Type);
  if (EXPENSES.has(type)) throw new ApiError('document_type_not_supported', { type: enumName(DOCUMENT_TYPE, type) });
  if (body.VATPerItem && (given(body.VATRate) || body.VATIncluded)) throw new ApiError('document_vat_per_item');

  const today = israelDay();
  let date = israelMidnight(today);
  if (given(d.Date)) {
    const parsed = parseDate(d.Date);
    if (!parsed) throw new ApiError('invalid_field', { field: 'Details.Date', detail: 'not a date' });
    const day = israelDay(parsed);
    if (daysBetween(day, today) > 3) throw new ApiError('document_backdated');
    date = israelMidnight(day);
  }

  const lines = readItems(sb, company.id, body.Items);
  const payments = readPayments(body.Payments);
  if (!RECEIPTS.has(type) && !lines.length) throw new ApiError('document_items_required');
  if ((RECEIPTS.has(type) || INVOICE_RECEIPTS.has(type)) && !payments.length) throw new ApiError('document_payments_required');

  // VAT: the company rate unless VATRate says otherwise; none on receipts or for NoVAT customers
  // the customer is looked up first (a NoVAT customer changes the totals) but created only
  // once everything else is known to be valid, so a refused document leaves nothing behind
  const existing = resolveCustomer(sb, company.id, d.Customer, { create: false }).row;
  if (!existing && !d.Customer.Name) throw new ApiError('customer_name_required');
  const noVat = existing ? !!(existing.props.Customers_NoVAT || [])[0] : !!d.Customer.NoVAT;
  const rate = NO_VAT.has(type) || noVat ? 0n : money.toUnits(body.VATRate ?? DEFAULT_VAT_RATE);
  const linesTotal = money.sum(lines.map((l) => l.total));
  let net, vat;
  if (body.VATPerItem) {
    net = linesTotal;
    vat = money.sum(lines.map((l) => (l.vat === null ? 0n : money.roundAgorot(l.vat))));
  } else if (body.VATIncluded) {
    vat = money.share(linesTotal, rate, 1000000n + rate);
    net = linesTotal - vat;
  } else {
    net = linesTotal;
    vat = money.share(net, rate, 1000000n);
  }
  let total = net + vat;
  const paid = money.sum(payments.map((p) => p.amount));
  if (RECEIPTS.has(type)) {
    if (!lines.length) { total = paid; net = paid; vat = 0n; }
  }
  if ((RECEIPTS.has(type) || INVOICE_RECEIPTS.has(type)) && money.roundAgorot(paid) !== total) {
    throw new ApiError('document_payments_mismatch', { total: money.format(total), paid: money.format(money.roundAgorot(paid)) });
  }

  const email = d.SendByEmail
    ? (d.SendByEmail.EmailAddress || (existing ? (existing.props.Customers_EmailAddress || [])[0] : d.Customer.EmailAddress))
    : null;
  if (d.SendByEmail && !email) throw new ApiError('email_required');
  if (email && !EMAIL.test(email)) throw new ApiError('invalid_email', { value: email });
  const customer = existing || resolveCustomer(sb, company.id, d.Customer).row;

  for (const l of lines) {
    if (!l.found && l.item.Name && enumCode(ITEM_SEARCH, l.item.SearchMode, 0) !== 1) l.found = createIncomeItem(sb, company.id, l.item);
  }
  const isDraft = !!d.IsDraft;
  const number = isDraft ? null : numberFor(sb, company.id, type);
  const folder = sb.crm.folderOfKind(company.id, 'documents');
  const props = {
    Accounting_Type: [type],
    Accounting_Date: [date],
    Accounting_InsertDate: [israelDateTime()],
    Accounting_Customer: [customer.id],
    Accounting_DisplayCompanyValue: [money.toNumber(total)],
    Accounting_DisplayCompanyValueWithoutVAT: [money.toNumber(net)],
    Accounting_VATRate: [money.toNumber(rate)],
    Accounting_IsDraft: [isDraft],
  };
  if (number !== null) props.Accounting_Number = [number];
  if (d.Description) props.Accounting_Description = [d.Description];
  const card = sb.crm.create(company.id, folder, props, { raw: true });

  const doc = {
    type, number, isDraft, date,
    dueDate: given(d.DueDate) && parseDate(d.DueDate) ? israelDateTime(parseDate(d.DueDate)) : null,
    language: enumCode(LANGUAGE, d.Language, 0),
    currency: enumCode(CURRENCY, d.Currency, 0),
    description: d.Description ?? null,
    externalReference: d.ExternalReference ?? null,
    vatIncluded: !!body.VATIncluded,
    vatRate: money.format(rate, 4),
    net: money.format(net, 4), vat: money.format(vat, 4), total: money.format(total, 4),
    items: lines.map((l) => ({
      name: l.name, description: l.description, itemId: l.found?.id ?? null, sku: l.item.SKU ?? l.found?.sku ?? null,
      quantity: money.format(l.quantity, 4), unit: money.format(l.unit, 4), total: money.format(l.total, 4),
      vat: l.vat === null ? null : money.format(l.vat, 4),
    })),
    payments: payments.map((p) => ({ type: p.type, amount: money.format(p.amount, 4), detailsKey: p.detailsKey, details: p.details })),
    originalDocumentId: body.OriginalDocumentID ?? null,
  };
  sb.db.prepare('INSERT INTO documents (id, company_id, type, number, customer_id, body) VALUES (?, ?, ?, ?, ?, ?)')
    .run(card.id, company.id, type, number, customer.id, JSON.stringify(doc));
  if (email) {
    recordEmail(sb, company.id, { to: email, documentId: card.id, original: d.SendByEmail.Original !== false,
      paymentRequest: !!d.SendByEmail.SendAsPaymentRequest, language: doc.language });
  }
  return {
    DocumentID: card.id,
    DocumentNumber: number,
    CustomerID: customer.id,
    DocumentDownloadURL: downloadUrl(sb, card.id),
    DocumentPaymentURL: type === 13 || d.SendByEmail?.SendAsPaymentRequest ? `${downloadUrl(sb, card.id)}?pay=1` : null,
  };
}

/** A stored document by DocumentID/EntityID or by type and number. */
export function findDocument(sb, companyId, { id, type, number }) {
  let row;
  if (given(id) && id) {
    row = sb.db.prepare('SELECT * FROM documents WHERE company_id = ? AND id = ?').get(companyId, id);
  } else if (given(type) && given(number)) {
    row = sb.db.prepare('SELECT * FROM documents WHERE company_id = ? AND type = ? AND number = ?')
      .get(companyId, enumCode(DOCUMENT_TYPE, type), number);
  } else {
    throw new ApiError('document_reference_required');
  }
  if (!row) throw new ApiError('document_not_found');
  return { ...row, doc: JSON.parse(row.body) };
}

const num = (text) => (text === null || text === undefined ? null : Number(text));

export function documentDetails(sb, companyId, found) {
  const { doc } = found;
  const customer = sb.crm.row(companyId, found.customer_id);
  return {
    Document: {
      IsDraft: doc.isDraft, Date: doc.date, Customer: customer ? customerAnswer(sb, customer) : null,
      Language: doc.language, Currency: doc.currency, Type: doc.type, Description: doc.description,
      ExternalReference: doc.externalReference, DueDate: doc.dueDate, DocumentValue: num(doc.total),
      CompanyValue: num(doc.total), IsClosed: doc.payments.length > 0, AssignmentNumber: null,
    },
    Items: doc.items.map((i) => ({
      Quantity: num(i.quantity), UnitPrice: num(i.unit), TotalPrice: num(i.total),
      DocumentCurrency_UnitPrice: num(i.unit), DocumentCurrency_TotalPrice: num(i.total),
      VAT: num(i.vat), DocumentCurrency_VAT: num(i.vat),
      Item: { ID: i.itemId, Name: i.name, SKU: i.sku }, Description: i.description,
    })),
    Payments: doc.payments.map((p) => ({
      Amount: num(p.amount), DocumentCurrency_Amount: num(p.amount), Type: p.type,
      ...(p.detailsKey ? { [p.detailsKey]: p.details } : {}),
    })),
    DocumentDownloadURL: downloadUrl(sb, found.id),
    DocumentPaymentURL: doc.type === 13 ? `${downloadUrl(sb, found.id)}?pay=1` : null,
    DocumentID: found.id,
    DocumentNumber: found.number,
  };
}

function listDocuments({ body, company, sb }) {
  const types = body.DocumentTypes ? new Set(body.DocumentTypes.map((t) => enumCode(DOCUMENT_TYPE, t))) : null;
  const from = given(body.DateFrom) ? parseDate(body.DateFrom) : null;
  const to = given(body.DateTo) ? parseDate(body.DateTo) : null;
  if (given(body.DateFrom) && !from) throw new ApiError('invalid_field', { field: 'DateFrom', detail: 'not a date' });
  if (given(body.DateTo) && !to) throw new ApiError('invalid_field', { field: 'DateTo', detail: 'not a date' });
  const start = body.Paging?.StartIndex ?? 0;
  if (start < 0) throw new ApiError('invalid_field', { field: 'Paging.StartIndex', detail: '>= 0' });
  const size = Math.min(1000, Math.max(10, body.Paging?.PageSize ?? 10));
  const rows = sb.db.prepare('SELECT * FROM documents WHERE company_id = ? ORDER BY id').all(company.id)
    .map((r) => ({ ...r, doc: JSON.parse(r.body) }))
    .filter((r) => (!types || types.has(r.type)) && (body.IncludeDrafts || !r.doc.isDraft)
      && (!given(body.DocumentNumberFrom) || (r.number ?? -1) >= body.DocumentNumberFrom)
      && (!given(body.DocumentNumberTo) || (r.number ?? Infinity) <= body.DocumentNumberTo)
      && (!from || israelDay(parseDate(r.doc.date)) >= israelDay(from))
      && (!to || israelDay(parseDate(r.doc.date)) <= israelDay(to)));
  return {
    Documents: rows.slice(start, start + size).map((r) => {
      const d = documentDetails(sb, company.id, r);
      return {
        IsDraft: d.Document.IsDraft, Date: d.Document.Date, CustomerID: r.customer_id, CustomerName: d.Document.Customer?.Name ?? null,
        Language: d.Document.Language, Currency: d.Document.Currency, Type: d.Document.Type, Description: d.Document.Description,
        ExternalReference: d.Document.ExternalReference, DueDate: d.Document.DueDate, DocumentDownloadURL: d.DocumentDownloadURL,
        DocumentPaymentURL: d.DocumentPaymentURL, DocumentID: r.id, DocumentNumber: r.number, DocumentValue: d.Document.DocumentValue,
        CompanyValue: d.Document.CompanyValue, IsClosed: d.Document.IsClosed, AssignmentNumber: null,
      };
    }),
    HasNextPage: rows.length > start + size,
  };
}

export const routes = {
  '/accounting/documents/create/': createDocument,

  '/accounting/documents/list/': listDocuments,

  '/accounting/general/getvatrate/': () => ({ Rate: Number(DEFAULT_VAT_RATE) }),

  '/accounting/general/getnextdocumentnumber/': ({ body, company, sb }) => {
    const row = sb.db.prepare('SELECT next FROM document_counters WHERE company_id = ? AND type = ?').get(company.id, enumCode(DOCUMENT_TYPE, body.Type));
    return { NextDocumentNumber: row ? row.next : FIRST_NUMBER };
  },

  '/accounting/documents/getdetails/': ({ body, company, sb }) =>
    documentDetails(sb, company.id, findDocument(sb, company.id, { id: body.DocumentID, type: body.DocumentType, number: body.DocumentNumber })),

  '/accounting/documents/send/': ({ body, company, sb }) => {
    const found = findDocument(sb, company.id, { id: body.EntityID, type: body.DocumentType, number: body.DocumentNumber });
    const customer = sb.crm.row(company.id, found.customer_id);
    const to = body.EmailAddress || (customer?.props.Customers_EmailAddress || [])[0];
    if (!to) throw new ApiError('email_required');
    recordEmail(sb, company.id, { to, documentId: found.id, original: body.Original !== false,
      language: enumCode(LANGUAGE, body.Language, found.doc.language), personalMessage: body.PersonalMessage ?? null });
  },

  '/accounting/incomeitems/list/': ({ body, company, sb }) => {
    const start = Math.max(0, body.Paging?.StartIndex ?? 0);
    const size = Math.min(1000, Math.max(10, body.Paging?.PageSize ?? 10));
    const rows = sb.db.prepare('SELECT * FROM income_items WHERE company_id = ? ORDER BY id LIMIT ? OFFSET ?').all(company.id, size + 1, start);
    return {
      IncomeItems: rows.slice(0, size).map((r) => ({
        ID: r.id, Name: r.name, Description: r.description, Price: num(r.price), Cost: num(r.cost),
        ExternalIdentifier: r.external_identifier, SKU: r.sku,
      })),
      HasNextPage: rows.length > size,
    };
  },
};
