// Bad input never crashes the sandbox: every endpoint, given valid bodies with fields
// swapped for wrong values, answers SUMIT's envelope with Status 0 or 1, never a technical
// error from a handler. And companies are isolated: one company's keys see only its cards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../sandbox/server.mjs';
import { sandboxClient } from '../../sandbox/testing.mjs';
import { ROUTES } from '../../sandbox/router.mjs';

let sb, og;
before(async () => {
  sb = await startSandbox({ db: ':memory:', retryDelayMs: 50 });
  og = sandboxClient(sb);
});
after(() => sb.close());

const samples = (ids) => ({
  '/website/companies/getdetails/': {},
  '/crm/schema/listfolders/': { NameFilter: 'ל' },
  '/crm/schema/getfolder/': { Folder: 'לקוחות', IncludeProperties: true },
  '/crm/views/listviews/': { FolderID: ids.folder },
  '/crm/data/listentities/': { Folder: 'לקוחות', Filters: [{ Property: 'Customers_City', Value: ['חיפה'], DateRange_From: null, Negative: false }], Order: { Property: 'Customers_FullName', Descending: true }, Paging: { StartIndex: 0, PageSize: 10 }, LoadProperties: true },
  '/crm/data/getentity/': { EntityID: ids.customer, IncludeFields: true },
  '/crm/data/createentity/': { Entity: { Folder: 'פניות', Properties: { Leads_Subject: 'x', Leads_Amount: 5, Leads_FollowUp: '2026-01-01', Leads_Customer: ids.customer } } },
  '/crm/data/updateentity/': { Entity: { ID: ids.lead, Folder: 'פניות', Properties: { Leads_Status: 2 } }, RemoveExistingProperties: false },
  '/crm/data/archiveentity/': { EntityID: ids.lead },
  '/crm/data/deleteentity/': { EntityID: ids.lead },
  '/accounting/customers/create/': { Details: { Name: 'x', EmailAddress: 'a@b.co', SearchMode: 6, Properties: { Customers_City: 'עכו' } } },
  '/accounting/customers/update/': { Details: { ID: ids.customer, City: 'עכו' } },
  '/accounting/customers/getdetailsurl/': { CustomerID: ids.customer },
  '/accounting/documents/create/': { Details: { Type: 1, Customer: { ID: ids.customer }, Date: '2026-11-30', SendByEmail: { Original: true, SendAsPaymentRequest: false } }, Items: [{ Quantity: 1, UnitPrice: 10, Item: { Name: 'x' } }], Payments: [{ Amount: 11.8, Details_Cash: {} }] },
  '/accounting/documents/getdetails/': { DocumentID: ids.document },
  '/accounting/documents/send/': { EntityID: ids.document, EmailAddress: 'a@b.co' },
  '/accounting/incomeitems/list/': { Paging: { StartIndex: 0, PageSize: 10 } },
  '/accounting/documents/list/': { DocumentTypes: [1, 'Invoice'], DocumentNumberFrom: 1, DocumentNumberTo: 99999, DateFrom: '2026-01-01', DateTo: '2026-12-31', IncludeDrafts: true, Paging: { StartIndex: 0, PageSize: 10 } },
  '/accounting/general/getvatrate/': { Date: '2026-11-30' },
  '/accounting/general/getnextdocumentnumber/': { Type: 1 },
  '/website/companies/listquotas/': {},
  '/sms/sms/send/': { Recipient: '0501111111', Text: 'x', Sender: '0501234567' },
  '/sms/sms/sendmultiple/': { Recipients: ['0501111111'], Text: 'x', Schedule: '2026-12-01T10:00:00' },
  '/sms/sms/listsenders/': {},
  '/sms/mailinglists/list/': {},
  '/sms/mailinglists/add/': { MailingListID: ids.smsList, PhoneNumber: '0501111111', Name: 'x' },
  '/emailsubscriptions/mailinglists/list/': {},
  '/emailsubscriptions/mailinglists/add/': { MailingListID: ids.emailList, EmailAddress: 'a@b.co', Name: 'x' },
  '/triggers/triggers/subscribe/': { URL: 'http://127.0.0.1:9/h', Folder: 'לקוחות', View: ids.view, TriggerType: 'Create' },
  '/triggers/triggers/unsubscribe/': { URL: 'http://127.0.0.1:9/h' },
});

// each one has broken a handler once: nulls, negative and huge numbers, text for numbers,
// impossible dates, arrays and objects where scalars go
const WRONG = [null, -1, 1e300, '‏😀', '2026-13-45', [null], { ID: 'x' }];

/** Every variant of `body` with one (possibly nested) field replaced by a wrong value. */
function* variants(body, path = []) {
  if (!body || typeof body !== 'object') return;
  for (const [k, v] of Object.entries(body)) {
    for (const w of WRONG) yield set(body, k, w);
    if (v && typeof v === 'object') {
      for (const inner of variants(Array.isArray(v) ? v[0] : v, [...path, k])) {
        yield set(body, k, Array.isArray(v) ? [inner] : inner);
      }
    }
  }
}
const set = (obj, k, v) => (Array.isArray(obj) ? obj.map((x, i) => (String(i) === k ? v : x)) : { ...obj, [k]: v });

test('no body crashes a handler: every answer is Status 0 or 1 and matches openapi.json', async () => {
  const folders = (await og.data('/crm/schema/listfolders/', {})).Folders;
  const ids = {
    folder: folders[0].ID,
    customer: (await og.data('/crm/data/listentities/', { Folder: 'לקוחות' })).Entities[0].ID,
    lead: (await og.data('/crm/data/listentities/', { Folder: 'פניות' })).Entities[0].ID,
    document: (await og.data('/crm/data/listentities/', { Folder: 'מסמכים' })).Entities[0].ID,
    view: (await og.data('/crm/views/listviews/', { FolderID: folders[0].ID })).Views[0].ID,
    smsList: (await og.data('/sms/mailinglists/list/', {})).MailingLists[0].ID,
    emailList: (await og.data('/emailsubscriptions/mailinglists/list/', {})).MailingLists[0].ID,
  };
  const all = samples(ids);
  assert.deepEqual(Object.keys(all).sort(), Object.keys(ROUTES).sort(), 'every route has a sample');
  let calls = 0;
  // the variants of one endpoint go out together: the point is the answers, not their order
  for (const [path, body] of Object.entries(all)) {
    const list = [body, ...variants(body)];
    const answers = await Promise.all(list.map((variant) => og.call(path, variant, { lang: 'en' })));
    answers.forEach((answer, i) => {
      assert.ok(answer.Status === 0 || answer.Status === 1, `${path} ${JSON.stringify(list[i])} -> ${JSON.stringify(answer)}`);
    });
    calls += list.length;
  }
  assert.ok(calls > 300, `${calls} calls`);
});

test('companies are isolated: another company sees its own folders and none of the demo cards', async () => {
  const other = sb.admin.createCompany();
  const og2 = sandboxClient(sb, other);
  const demoCard = (await og.data('/crm/data/listentities/', { Folder: 'לקוחות' })).Entities[0].ID;
  const read = await og2.call('/crm/data/getentity/', { EntityID: demoCard });
  assert.equal(read.Status, 1);
  const mine = await og2.data('/crm/data/listentities/', { Folder: 'לקוחות' });
  assert.equal(mine.Entities.length, 0);
  const folders2 = (await og2.data('/crm/schema/listfolders/', {})).Folders.map((f) => f.ID);
  const folders1 = (await og.data('/crm/schema/listfolders/', {})).Folders.map((f) => f.ID);
  assert.equal(folders2.filter((id) => folders1.includes(id)).length, 0, 'folder ids are per company');
  const crossed = await og2.call('/crm/schema/getfolder/', { Folder: String(folders1[0]) });
  assert.equal(crossed.Status, 1, 'a folder id of another company is unknown');
  const wrongKey = await og2.call('/crm/schema/listfolders/', {}, { credentials: { CompanyID: other.companyId, APIKey: sb.apiKey } });
  assert.equal(wrongKey.Status, 1, 'the demo key does not open another company');
});
