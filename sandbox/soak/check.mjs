// The end of a soak: what the sandbox itself recorded, independent of what the runner counted.
// Every delivery of the soak's trigger is one event (the sandbox makes one per card change;
// retries and redeliveries reuse it); every document whose Description has the shape of an
// event key was made by the scenario. Each event must have exactly one document, for its card.
import { KEY_SHAPE, LIST, eventKey } from './scenario.mjs';

/** The scenario's documents, by key: {key: [{id, customer}]}, read page by page through the API. */
export async function documentsByKey(api, folderId) {
  const made = new Map();
  for (let start = 0; ; start += 1000) {
    const page = await api(LIST, { Folder: String(folderId), LoadProperties: true, Paging: { StartIndex: start, PageSize: 1000 } });
    for (const doc of page.Entities) {
      const key = doc.Accounting_Description?.[0];
      if (!KEY_SHAPE.test(key ?? '')) continue; // the demo's own documents
      const list = made.get(key) ?? [];
      list.push({ id: doc.ID, customer: doc.Accounting_Customer?.[0]?.ID });
      made.set(key, list);
    }
    if (!page.HasNextPage) return made;
  }
}

/** {events, documents, lost, doubled, strays, wrongCustomer} from the deliveries and the documents. */
export function exactlyOnce(deliveries, made) {
  const expected = new Map(); // key → card id
  for (const d of deliveries) expected.set(eventKey(d.payload), d.payload.EntityID);
  return {
    events: expected.size,
    documents: [...made.values()].reduce((n, docs) => n + docs.length, 0),
    lost: [...expected.keys()].filter((k) => !made.has(k)),
    doubled: [...made].filter(([, docs]) => docs.length > 1).map(([key, docs]) => ({ key, documents: docs.map((d) => d.id) })),
    strays: [...made.keys()].filter((k) => !expected.has(k)),
    wrongCustomer: [...expected].filter(([k, card]) => made.get(k)?.some((d) => String(d.customer) !== String(card))).map(([k]) => k),
  };
}
