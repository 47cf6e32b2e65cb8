// Enum tables read from openapi.json (never copied), so a request may use the integer or the
// bare name, as the service accepts, and answers always carry the integer.
import { loadOpenApi } from '../lib/openapi.mjs';

const cache = new Map();

function table(schemaName) {
  if (!cache.has(schemaName)) {
    const raw = loadOpenApi().doc.components.schemas[schemaName]?.enum || [];
    const byName = new Map();
    const byCode = new Map();
    for (const m of raw) {
      const [, name, code] = m.match(/^(.*) \((-?\d+)\)$/);
      byName.set(name.toLowerCase(), Number(code));
      byCode.set(Number(code), name);
    }
    cache.set(schemaName, { byName, byCode });
  }
  return cache.get(schemaName);
}

/** The integer of an enum value given as an integer or a name; `fallback` when absent. */
export function enumCode(schemaName, value, fallback = null) {
  if (value === null || value === undefined) return fallback;
  const t = table(schemaName);
  if (typeof value === 'number') return t.byCode.has(value) ? value : fallback;
  return t.byName.get(String(value).toLowerCase()) ?? fallback;
}

export function enumName(schemaName, code) {
  return table(schemaName).byCode.get(code) ?? String(code);
}

export const DOCUMENT_TYPE = 'Accounting_Typed_DocumentType';
export const CUSTOMER_SEARCH = 'Accounting_Typed_CustomerSearchMode';
export const ITEM_SEARCH = 'Accounting_Typed_IncomeItemSearchMode';
export const PAYMENT_TYPE = 'Accounting_Typed_DocumentPaymentType';
export const LANGUAGE = 'Accounting_Typed_Language';
export const CURRENCY = 'Accounting_Typed_DocumentCurrency';
