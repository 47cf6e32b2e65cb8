// The soak's scenario after the "Watch cards" trigger, and what makes it exactly-once:
// module 2 searches the documents for the event's key, a filter lets module 3
// (createDocument) run only when none was found, and the key goes into the new document's
// Description. A failed run is run again whole (from the search), never just its create.
import { createHash } from 'node:crypto';

export const CREATE = '/accounting/documents/create/';
export const LIST = '/crm/data/listentities/';

/** The event's key, as the scenario computes it: card id + md5 of the card's delivered columns. */
export const KEY = '{{1.entityId}}-{{md5(toString(1.properties))}}';
export const KEY_SHAPE = /^\d+-[0-9a-f]{32}$/;

/**
 * The scenario after the trigger: search by the event's key, create only when none.
 * `checkFirst: false` drops the filter (create whatever the search found): the blind retry
 * this design exists to prevent, kept so that a test can show the check catches doubles.
 */
export function scenarioActions(documentsFolderId, { checkFirst = true } = {}) {
  return [
    {
      id: 2,
      module: 'apiCall',
      mapper: {
        path: LIST,
        body: { Folder: String(documentsFolderId), Filters: [{ Property: 'Accounting_Description', Value: KEY }], Paging: { StartIndex: 0, PageSize: 10 } },
      },
    },
    {
      id: 3,
      module: 'createDocument',
      ...(checkFirst ? { filter: { name: 'No document for this event yet', conditions: [[{ a: '{{length(2.Entities)}}', o: 'number:equal', b: '0' }]] } } : {}),
      mapper: {
        type: 'InvoiceAndReceipt',
        customer: { id: '{{1.entityId}}' },
        description: KEY,
        items: [{ name: 'מנוי חודשי', unitPrice: '100', quantity: 1 }],
        payments: [{ amount: '100', method: 'cash' }],
        vatIncluded: true,
      },
    },
  ];
}

/** The key the scenario computes, computed here independently (Node's md5 over the delivered columns). */
export const eventKey = (payload) => `${payload.EntityID}-${createHash('md5').update(JSON.stringify(payload.Properties)).digest('hex')}`;

/** Errors worth running the flow again for: no answer, 5xx, 403 (rate), Status 2. Never a business error. */
export function retryable(e) {
  if (e?.name === 'ConnectionError' || e?.name === 'RateLimitError') return true;
  return e?.name === 'RuntimeError' && (e.statusCode >= 500 || e.body?.Status === 2);
}
