// The sandbox answers like SUMIT: credentials, validation against openapi.json, the envelope
// and its languages, CRM listing with filters and paging, cards, customers, documents with
// exact totals, SMS and mailing lists, faults. Every answer is checked against openapi.json
// by the client (sandbox/testing.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../sandbox/server.mjs';
import { sandboxClient } from '../../sandbox/testing.mjs';
import { loadOpenApi } from '../../sandbox/lib/openapi.mjs';

let sb, og;
before(async () => {
  sb = await startSandbox({ db: ':memory:', retryDelayMs: 50 });
  og = sandboxClient(sb);
});
after(() => sb.close());

const folderId = async (name) => (await og.data('/crm/schema/listfolders/', { NameFilter: name })).Folders[0].ID;

test('credentials are checked from the body, with the message in Hebrew by default and English on request', async () => {
  const ok = await og.call('/website/companies/getdetails/', {});
  assert.equal(ok.Status, 0);
  assert.equal(ok.Data.Company.Name, 'הדגמה בע"מ');
  const wrong = { CompanyID: sb.companyId, APIKey: 'not-the-key' };
  const he = await og.call('/website/companies/getdetails/', {}, { credentials: wrong });
  assert.equal(he.Status, 1);
  assert.match(he.UserErrorMessage, /ההרשאה נדחתה/);
  assert.equal(he.Data, null);
  const en = await og.call('/website/companies/getdetails/', {}, { credentials: wrong, lang: 'en' });
  assert.match(en.UserErrorMessage, /Permission denied/);
  assert.ok(!en.UserErrorMessage.includes('not-the-key'));
  const other = await og.call('/website/companies/getdetails/', {}, { credentials: { CompanyID: 1, APIKey: sb.apiKey } });
  assert.equal(other.Status, 1);
});

test('a request that does not match openapi.json is a business error naming the field', async () => {
  const misspelt = await og.call('/sms/sms/send/', { Recipient: '0501111111', Txet: 'hi' }, { lang: 'en' });
  assert.equal(misspelt.Status, 1);
  assert.match(misspelt.UserErrorMessage, /Txet|Text/);
  const doc = await og.call('/accounting/documents/create/', { Details: { Type: 1, Customer: { Name: 'x' }, Langauge: 0 } });
  assert.equal(doc.Status, 1);
  assert.match(doc.UserErrorMessage, /^שדה לא תקין: Details\.Langauge \(שדה לא מוכר Langauge\)$/, 'Hebrew by default');
  const noCreds = await og.call('/crm/schema/listfolders/', {}, { raw: true, lang: 'en' });
  assert.match(noCreds.UserErrorMessage, /Credentials/);
  const badEnum = await og.call('/accounting/documents/create/', { Details: { Type: 99, Customer: { Name: 'x' } } }, { lang: 'en' });
  assert.match(badEnum.UserErrorMessage, /Details\.Type/);
  const notJson = await og.call('/crm/schema/listfolders/', '{"Credentials": ', { raw: true, lang: 'en' });
  assert.equal(notJson.Status, 1);
  assert.match(notJson.UserErrorMessage, /not valid JSON/);
});

test('values of a .NET object field (card properties, filter values) pass the validator', () => {
  const api = loadOpenApi();
  const creds = { CompanyID: 1, APIKey: 'k' };
  assert.deepEqual(api.validateRequest('/crm/data/createentity/', { Credentials: creds, Entity: { Folder: 'x', Properties: { A: 'b', N: 5, L: [1, 2] } } }), []);
  assert.deepEqual(api.validateRequest('/crm/data/listentities/', { Credentials: creds, Folder: 'x', Filters: [{ Property: 'A', Value: ['b', 'c'] }] }), []);
});

test('folders, a folder with its properties, and views', async () => {
  const { Folders } = await og.data('/crm/schema/listfolders/', {});
  assert.deepEqual(Folders.map((f) => f.Name), ['לקוחות', 'מסמכים', 'פניות', 'פרויקטים', 'הודעות SMS']);
  for (const f of Folders) assert.ok(f.ID > 2_000_000_000 && Number.isSafeInteger(f.ID));
  const bare = await og.data('/crm/schema/getfolder/', { Folder: 'לקוחות' });
  assert.equal(bare.Properties, null);
  const full = await og.data('/crm/schema/getfolder/', { Folder: String(Folders[0].ID), IncludeProperties: true });
  const name = full.Properties.find((p) => p.APIName === 'Customers_FullName');
  assert.equal(name.Required, true);
  assert.equal(name.Name, 'שם מלא');
  const { Views } = await og.data('/crm/views/listviews/', { FolderID: Folders[0].ID });
  assert.deepEqual(Views.map((v) => v.Name), ['כל הלקוחות', 'לקוחות חדשים', 'לקוחות VIP']);
  const missing = await og.call('/crm/schema/getfolder/', { Folder: 'אין כזו' }, { lang: 'en' });
  assert.match(missing.UserErrorMessage, /Folder "אין כזו" was not found/);
});

test('listing pages with a 0-based offset, page size clamped to 10..1000, and HasNextPage', async () => {
  const page = (StartIndex, PageSize) => og.data('/crm/data/listentities/', { Folder: 'לקוחות', Paging: { StartIndex, PageSize } });
  const first = await og.data('/crm/data/listentities/', { Folder: 'לקוחות' });
  assert.equal(first.Entities.length, 10);
  assert.equal(first.HasNextPage, true);
  assert.deepEqual(Object.keys(first.Entities[0]).sort(), ['Folder', 'ID'], 'without LoadProperties only ID and Folder');
  assert.equal((await page(0, 3)).Entities.length, 10, 'a page smaller than 10 is clamped up');
  const all = await page(0, 5000);
  assert.equal(all.Entities.length, 50);
  assert.equal(all.HasNextPage, false);
  const seen = [];
  for (let start = 0, more = true; more; start += 20) {
    const p = await page(start, 20);
    seen.push(...p.Entities.map((e) => e.ID));
    more = p.HasNextPage;
  }
  assert.deepEqual(seen, all.Entities.map((e) => e.ID));
  const last = await page(40, 10);
  assert.equal(last.Entities.length, 10);
  assert.equal(last.HasNextPage, false);
});

test('filters: any-of values, Negative, date ranges, property by id or name, and Order', async () => {
  const list = (body) => og.data('/crm/data/listentities/', { Folder: 'לקוחות', LoadProperties: true, Paging: { PageSize: 1000 }, ...body });
  const vipOrNew = await list({ Filters: [{ Property: 'Customers_Segment', Value: ['VIP', 'חדש'] }] });
  assert.ok(vipOrNew.Entities.length > 0);
  for (const e of vipOrNew.Entities) assert.ok(['VIP', 'חדש'].includes(e.Customers_Segment[0]));
  const notVip = await list({ Filters: [{ Property: 'סוג לקוח', Value: 'VIP', Negative: true }] });
  const vip = await list({ Filters: [{ Property: 'Customers_Segment', Value: 'VIP' }] });
  assert.equal(notVip.Entities.length + vip.Entities.length, 50);
  const folder = await og.data('/crm/schema/getfolder/', { Folder: 'לקוחות', IncludeProperties: true });
  const cityId = String(folder.Properties.find((p) => p.APIName === 'Customers_City').ID);
  const haifa = await list({ Filters: [{ Property: cityId, Value: 'חיפה' }] });
  assert.ok(haifa.Entities.length > 0 && haifa.Entities.every((e) => e.Customers_City[0] === 'חיפה'));
  const seventies = await list({ Filters: [{ Property: 'Customers_Birthdate', DateRange_From: '1970-01-01', DateRange_To: '1979-12-31' }] });
  assert.ok(seventies.Entities.length > 0);
  for (const e of seventies.Entities) assert.match(e.Customers_Birthdate[0], /^197\d-/);
  const sorted = await list({ Order: { Property: 'Customers_FullName', Descending: true } });
  const names = sorted.Entities.map((e) => e.Customers_FullName[0]);
  assert.deepEqual(names, [...names].sort(new Intl.Collator('he', { numeric: true, sensitivity: 'base' }).compare).reverse());
  const unknown = await og.call('/crm/data/listentities/', { Folder: 'לקוחות', Filters: [{ Property: 'Nope', Value: 1 }] }, { lang: 'en' });
  assert.match(unknown.UserErrorMessage, /Property "Nope" does not exist/);
});

test('cards: create, read flattened with arrays and references, update, archive, delete; Hebrew and emoji survive', async () => {
  const customer = (await og.data('/crm/data/listentities/', { Folder: 'לקוחות' })).Entities[0].ID;
  const { EntityID } = await og.data('/crm/data/createentity/', {
    Entity: { Folder: 'פניות', Properties: { Leads_Subject: 'שלום עולם 👋 ‏RTL', Leads_Customer: customer, Leads_Amount: 1234.5, Leads_FollowUp: '2026-12-01' } },
  });
  const { Entity } = await og.data('/crm/data/getentity/', { EntityID });
  assert.equal(Entity.ID, EntityID);
  assert.equal(Entity.Folder, String(await folderId('פניות')));
  assert.deepEqual(Entity.Leads_Subject, ['שלום עולם 👋 ‏RTL']);
  assert.deepEqual(Entity.Leads_Amount, [1234.5]);
  assert.deepEqual(Entity.Leads_FollowUp, ['2026-12-01T00:00:00+02:00']);
  assert.equal(Entity.Leads_Customer[0].ID, customer);
  assert.equal(typeof Entity.Leads_Customer[0].Name, 'string');
  assert.equal(Entity.Leads_Customer[0].SchemaID, await folderId('לקוחות'));

  await og.data('/crm/data/updateentity/', { Entity: { ID: EntityID, Properties: { Leads_Status: 2 } } });
  let got = (await og.data('/crm/data/getentity/', { EntityID })).Entity;
  assert.deepEqual(got.Leads_Status, [2]);
  assert.deepEqual(got.Leads_Amount, [1234.5], 'an update keeps what it does not send');
  await og.data('/crm/data/updateentity/', { Entity: { ID: EntityID, Properties: { Leads_Subject: 'רק זה' } }, RemoveExistingProperties: true });
  got = (await og.data('/crm/data/getentity/', { EntityID })).Entity;
  assert.deepEqual(Object.keys(got).sort(), ['Folder', 'ID', 'Leads_Subject']);

  const wrongType = await og.call('/crm/data/updateentity/', { Entity: { ID: EntityID, Properties: { Leads_Amount: 'הרבה' } } }, { lang: 'en' });
  assert.match(wrongType.UserErrorMessage, /Leads_Amount: expected a number/);
  const missingRequired = await og.call('/crm/data/createentity/', { Entity: { Folder: 'פניות', Properties: { Leads_Status: 1 } } }, { lang: 'en' });
  assert.match(missingRequired.UserErrorMessage, /Leads_Subject is required/);
  const danglingRef = await og.call('/crm/data/createentity/', { Entity: { Folder: 'פניות', Properties: { Leads_Subject: 'x', Leads_Customer: 999 } } }, { lang: 'en' });
  assert.match(danglingRef.UserErrorMessage, /refers to entity 999/);

  const archived = await og.call('/crm/data/archiveentity/', { EntityID });
  assert.deepEqual(archived, { Status: 0, UserErrorMessage: null, TechnicalErrorDetails: null }, 'the empty envelope has no Data');
  const listed = await og.data('/crm/data/listentities/', { Folder: 'פניות', Paging: { PageSize: 1000 } });
  assert.ok(!listed.Entities.some((e) => e.ID === EntityID), 'archived cards are not listed');
  assert.equal((await og.call('/crm/data/getentity/', { EntityID })).Status, 0, 'an archived card can still be read');
  await og.data('/crm/data/deleteentity/', { EntityID });
  const gone = await og.call('/crm/data/getentity/', { EntityID }, { lang: 'en' });
  assert.equal(gone.Status, 1);
  assert.match(gone.UserErrorMessage, new RegExp(`Entity ${EntityID} was not found`));
});

test('customers/create finds or creates by SearchMode', async () => {
  const email = 'dana.levi@example.com';
  const created = await og.data('/accounting/customers/create/', { Details: { Name: 'דנה לוי', EmailAddress: email, Phone: '050-7654321' } });
  assert.match(created.CustomerHistoryURL, new RegExp(`/__customers/${created.CustomerID}$`));
  const byEmail = await og.data('/accounting/customers/create/', { Details: { Name: 'ד. לוי', EmailAddress: email.toUpperCase(), SearchMode: 6 } });
  assert.equal(byEmail.CustomerID, created.CustomerID);
  const byPhone = await og.data('/accounting/customers/create/', { Details: { Phone: '0507654321', SearchMode: 'Phone' } });
  assert.equal(byPhone.CustomerID, created.CustomerID);
  const auto = await og.data('/accounting/customers/create/', { Details: { ExternalIdentifier: 'demo-003', SearchMode: 0 } });
  const demo3 = (await og.data('/crm/data/listentities/', { Folder: 'לקוחות', Filters: [{ Property: 'Customers_ExternalIdentifier', Value: 'demo-003' }] })).Entities[0];
  assert.equal(auto.CustomerID, demo3.ID);
  const fresh = await og.data('/accounting/customers/create/', { Details: { Name: 'דנה לוי', EmailAddress: email } });
  assert.notEqual(fresh.CustomerID, created.CustomerID, 'SearchMode None (the default) always creates');
  const noName = await og.call('/accounting/customers/create/', { Details: { EmailAddress: 'x@example.com' } }, { lang: 'en' });
  assert.match(noName.UserErrorMessage, /Customer name is required/);
  const page = await fetch(created.CustomerHistoryURL);
  assert.match(await page.text(), /דנה לוי/);
});

test('an invoice-receipt: exact totals, numbers per type, e-mail recorded, details, download page, send', async () => {
  const body = {
    Details: { Type: 1, Customer: { Name: 'לקוח מסמכים', EmailAddress: 'docs-client@example.com', ExternalIdentifier: 'doc-1', SearchMode: 2 },
      Description: 'הזמנה 1001 🧾', SendByEmail: { Original: true, SendAsPaymentRequest: false } },
    Items: [{ Quantity: 3, UnitPrice: 19.99, Item: { Name: 'מחברת', SKU: 'NB-1', SearchMode: 4 } }, { Quantity: 1, UnitPrice: 0.1, Description: 'עטיפה' }, { Quantity: 2, UnitPrice: 0.1, Description: 'מדבקה' }],
    Payments: [{ Amount: 60.27, Details_Cash: {} }],
    VATIncluded: true,
  };
  const doc = await og.data('/accounting/documents/create/', body);
  assert.ok(Number.isSafeInteger(doc.DocumentID) && doc.DocumentID > 2e9);
  const second = await og.data('/accounting/documents/create/', body);
  assert.equal(second.DocumentNumber, doc.DocumentNumber + 1);
  assert.equal(second.CustomerID, doc.CustomerID, 'found again by ExternalIdentifier');
  const invoices = (await og.data('/crm/data/listentities/', { Folder: 'מסמכים', Filters: [{ Property: 'Accounting_Type', Value: 0 }], Paging: { PageSize: 1000 } })).Entities;
  const invoice = await og.data('/accounting/documents/create/', { Details: { Type: 0, Customer: { ID: doc.CustomerID } }, Items: [{ UnitPrice: 100, Item: { Name: 'שירות' } }] });
  assert.equal(invoice.DocumentNumber, 10001 + invoices.length, 'invoices are numbered apart from invoice-receipts');

  const details = await og.data('/accounting/documents/getdetails/', { DocumentID: doc.DocumentID });
  assert.equal(details.Document.DocumentValue, 60.27, '3 × 19.99 + 0.10 + 2 × 0.10, no float drift');
  assert.equal(details.Document.Type, 1);
  assert.equal(details.Document.Customer.ID, doc.CustomerID);
  assert.equal(details.Document.Description, 'הזמנה 1001 🧾');
  assert.deepEqual(details.Items.map((i) => i.TotalPrice), [59.97, 0.1, 0.2]);
  assert.equal(details.Payments[0].Type, 2, 'cash, detected from Details_Cash');
  const byNumber = await og.data('/accounting/documents/getdetails/', { DocumentType: 'InvoiceAndReceipt', DocumentNumber: doc.DocumentNumber });
  assert.equal(byNumber.DocumentID, doc.DocumentID);
  const inv = await og.data('/accounting/documents/getdetails/', { DocumentID: invoice.DocumentID });
  assert.equal(inv.Document.DocumentValue, 118, 'VAT added on top at 18%');

  const card = (await og.data('/crm/data/getentity/', { EntityID: doc.DocumentID })).Entity;
  assert.deepEqual(card.Accounting_Number, [doc.DocumentNumber], 'DocumentID = EntityID');

  const mails = sb.admin.emails().filter((m) => m.documentId === doc.DocumentID);
  assert.deepEqual(mails.map((m) => m.to), ['docs-client@example.com']);
  await og.data('/accounting/documents/send/', { EntityID: doc.DocumentID, EmailAddress: 'other@example.com', PersonalMessage: 'תודה!' }).catch(() => {});
  const sent = await og.call('/accounting/documents/send/', { EntityID: doc.DocumentID });
  assert.deepEqual(sent, { Status: 0, UserErrorMessage: null, TechnicalErrorDetails: null });
  assert.deepEqual(sb.admin.emails().filter((m) => m.documentId === doc.DocumentID).map((m) => m.to),
    ['docs-client@example.com', 'other@example.com', 'docs-client@example.com']);

  const page = await fetch(doc.DocumentDownloadURL);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /text\/html/);
  assert.match(await page.text(), /data-total>60\.27</);
});

test('documents refuse what SUMIT refuses', async () => {
  const customer = { Name: 'בדיקה' };
  const refuse = async (body, pattern) => {
    const a = await og.call('/accounting/documents/create/', body, { lang: 'en' });
    assert.equal(a.Status, 1, JSON.stringify(body));
    assert.match(a.UserErrorMessage, pattern);
  };
  await refuse({ Details: { Type: 16, Customer: customer }, Items: [{ UnitPrice: 1, Item: { Name: 'x' } }] }, /Document type not supported: ExpenseInvoice/);
  await refuse({ Details: { Type: 1, Customer: customer }, Items: [{ UnitPrice: 100, Item: { Name: 'x' } }], Payments: [{ Amount: 99.99, Details_Cash: {} }], VATIncluded: true }, /do not add up/);
  await refuse({ Details: { Type: 0, Customer: customer }, Items: [] }, /at least one item/);
  await refuse({ Details: { Type: 0, Customer: customer }, Items: [{ Item: { Name: 'x' } }] }, /Items\[0\]\.UnitPrice/);
  await refuse({ Details: { Type: 0, Customer: customer, Date: '2020-01-01' }, Items: [{ UnitPrice: 1, Item: { Name: 'x' } }] }, /three days/);
  await refuse({ Details: { Type: 0, Customer: { Name: 'x' }, SendByEmail: { Original: true, SendAsPaymentRequest: false } }, Items: [{ UnitPrice: 1, Item: { Name: 'x' } }] }, /no e-mail address/);
  const before = (await og.data('/crm/data/listentities/', { Folder: 'לקוחות', Paging: { PageSize: 1000 } })).Entities.length;
  await refuse({ Details: { Type: 1, Customer: { Name: 'לא ייווצר' } }, Items: [{ UnitPrice: 5, Item: { Name: 'x' } }], Payments: [{ Amount: 1, Details_Cash: {} }] }, /do not add up/);
  const afterCount = (await og.data('/crm/data/listentities/', { Folder: 'לקוחות', Paging: { PageSize: 1000 } })).Entities.length;
  assert.equal(afterCount, before, 'a refused document creates no customer');
});

test('a receipt takes its total from payments; a NoVAT customer pays no VAT', async () => {
  const receipt = await og.data('/accounting/documents/create/', { Details: { Type: 2, Customer: { Name: 'משלם' } }, Payments: [{ Amount: 250.5, Details_BankTransfer: { BankNumber: 12, BranchNumber: 600, AccountNumber: '123456' } }, { Amount: 49.5, Details_Cash: {} }] });
  const r = await og.data('/accounting/documents/getdetails/', { DocumentID: receipt.DocumentID });
  assert.equal(r.Document.DocumentValue, 300);
  assert.deepEqual(r.Payments.map((p) => p.Type), [3, 2]);
  const exempt = await og.data('/accounting/documents/create/', { Details: { Type: 0, Customer: { Name: 'פטור', NoVAT: true } }, Items: [{ UnitPrice: 100, Item: { Name: 'x' } }] });
  assert.equal((await og.data('/accounting/documents/getdetails/', { DocumentID: exempt.DocumentID })).Document.DocumentValue, 100);
});

test('SMS: send and send-multiple with quota estimates, verified senders only', async () => {
  const { Senders } = await og.data('/sms/sms/listsenders/', {});
  assert.deepEqual(Senders, ['0501234567']);
  const one = await og.data('/sms/sms/send/', { Recipient: '0501111111', Text: 'Your invoice is ready', Sender: Senders[0] });
  assert.ok(one.EntityID > 2e9);
  assert.equal(one.EstimatedQuota, 1);
  const hebrew = 'ש'.repeat(71);
  const many = await og.data('/sms/sms/sendmultiple/', { Recipients: ['0501111111', '+972-52-2222222'], Text: hebrew });
  assert.equal(many.EstimatedQuota, 4, 'Hebrew over 70 characters is two parts, for each of two recipients');
  const card = (await og.data('/crm/data/getentity/', { EntityID: many.EntityID })).Entity;
  assert.deepEqual(card.SMS_Recipients, ['0501111111', '+972-52-2222222'], 'a sent SMS is a card');
  const sms = sb.admin.sms().find((m) => m.id === many.EntityID);
  assert.deepEqual(sms.recipients, ['0501111111', '+972-52-2222222']);
  assert.equal(sms.text, hebrew);
  const unverified = await og.call('/sms/sms/send/', { Recipient: '0501111111', Text: 'x', Sender: '0529876543' }, { lang: 'en' });
  assert.match(unverified.UserErrorMessage, /not verified/);
  const badPhone = await og.call('/sms/sms/send/', { Recipient: 'abc', Text: 'x' }, { lang: 'en' });
  assert.match(badPhone.UserErrorMessage, /Invalid phone number: abc/);
  const draftSchedule = await og.call('/sms/sms/sendmultiple/', { Recipients: ['0501111111'], Text: 'x', SaveDraft: true, Schedule: '2026-12-01T10:00:00' }, { lang: 'en' });
  assert.match(draftSchedule.UserErrorMessage, /draft/);
});

test('e-mail and SMS mailing lists: list and add, members recorded once', async () => {
  const email = (await og.data('/emailsubscriptions/mailinglists/list/', {})).MailingLists;
  const sms = (await og.data('/sms/mailinglists/list/', {})).MailingLists;
  assert.equal(email.length, 2);
  assert.equal(sms.length, 2);
  assert.deepEqual(await og.data('/emailsubscriptions/mailinglists/add/', { MailingListID: email[0].ID, EmailAddress: 'fan@example.com', Name: 'מעריץ' }), {});
  await og.data('/emailsubscriptions/mailinglists/add/', { MailingListID: email[0].ID, EmailAddress: 'fan@example.com' });
  assert.deepEqual(sb.admin.mailingListMembers(email[0].ID).map((m) => [m.address, m.name]), [['fan@example.com', 'מעריץ']]);
  await og.data('/sms/mailinglists/add/', { MailingListID: sms[1].ID, PhoneNumber: '0503333333' });
  assert.equal(sb.admin.mailingListMembers(sms[1].ID)[0].address, '0503333333');
  const crossed = await og.call('/sms/mailinglists/add/', { MailingListID: email[0].ID, PhoneNumber: '0503333333' }, { lang: 'en' });
  assert.match(crossed.UserErrorMessage, /Mailing list \d+ was not found/, 'an e-mail list is not an SMS list');
  const badEmail = await og.call('/emailsubscriptions/mailinglists/add/', { MailingListID: email[0].ID, EmailAddress: 'nope' }, { lang: 'en' });
  assert.match(badEmail.UserErrorMessage, /Invalid e-mail address/);
});

test('fault injection: latency, HTTP 5xx, empty 403, Status 2, limited by times and paths', async () => {
  const post = () => fetch(`${sb.url}/sms/sms/listsenders/`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ Credentials: { CompanyID: sb.companyId, APIKey: sb.apiKey } }) });
  sb.admin.faults.set({ httpStatus: 503, times: 1 });
  assert.equal((await post()).status, 503);
  assert.equal((await post()).status, 200, 'times: 1 hits one call');
  sb.admin.faults.set({ forbidden: true, times: 1 });
  const forbidden = await post();
  assert.equal(forbidden.status, 403);
  assert.equal(await forbidden.text(), '');
  sb.admin.faults.set({ technicalError: true, times: 1 });
  const tech = await (await post()).json();
  assert.equal(tech.Status, 2);
  assert.ok(tech.TechnicalErrorDetails);
  sb.admin.faults.set({ latencyMs: 150, times: 1 });
  const t0 = Date.now();
  assert.equal((await post()).status, 200);
  assert.ok(Date.now() - t0 >= 140);
  const viaHttp = await fetch(`${sb.url}/__admin/faults`, { method: 'POST', body: JSON.stringify({ httpStatus: 500, paths: ['/crm/schema/listfolders/'] }) });
  assert.equal(viaHttp.status, 200);
  assert.equal((await post()).status, 200, 'other paths are not hit');
  assert.equal((await og.call('/crm/schema/listfolders/', {}).catch((e) => e.message)), '/crm/schema/listfolders/: HTTP 500');
  await fetch(`${sb.url}/__admin/faults`, { method: 'DELETE' });
  assert.equal((await og.call('/crm/schema/listfolders/', {})).Status, 0);
});

test('HTTP surface: unknown paths, methods, CORS, paths not in the sandbox, and a redacted request log', async () => {
  assert.equal((await fetch(`${sb.url}/nope/nope/nope/`, { method: 'POST', body: '{}' })).status, 404);
  assert.equal((await fetch(`${sb.url}/crm/schema/listfolders/`)).status, 405);
  const pre = await fetch(`${sb.url}/crm/schema/listfolders/`, { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:8080', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,content-language' } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.match(pre.headers.get('access-control-allow-headers'), /Content-Language/);
  const missingSlash = await og.call('/crm/schema/listfolders', {});
  assert.equal(missingSlash.Status, 0);
  const notHere = await og.call('/accounting/documents/getdebt/', { CustomerID: 1 }, { lang: 'en' });
  assert.match(notHere.UserErrorMessage, /not available in the local sandbox/);
  const form = await fetch(`${sb.url}/crm/schema/listfolders/`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
  assert.equal(form.status, 415);
  const log = sb.admin.requests();
  assert.ok(log.length > 10);
  const text = JSON.stringify(log);
  assert.ok(!text.includes(sb.apiKey), 'the API key never appears in the request log');
  assert.match(text, /\[redacted\]/);
});

test('documents/list filters by type, number and date, pages, and hides drafts unless asked', async () => {
  const draft = await og.data('/accounting/documents/create/', { Details: { Type: 12, Customer: { Name: 'טיוטה' }, IsDraft: true }, Items: [{ UnitPrice: 5, Item: { Name: 'x' } }] });
  assert.equal(draft.DocumentNumber, null, 'a draft has no number');
  const list = (body) => og.data('/accounting/documents/list/', { IncludeDrafts: false, Paging: { PageSize: 1000 }, ...body });
  const receipts = await list({ DocumentTypes: ['InvoiceAndReceipt'] });
  assert.ok(receipts.Documents.length >= 3);
  assert.ok(receipts.Documents.every((d) => d.Type === 1 && d.DocumentValue > 0 && d.CustomerName));
  const { NextDocumentNumber } = await og.data('/accounting/general/getnextdocumentnumber/', { Type: 1 });
  assert.equal(NextDocumentNumber, Math.max(...receipts.Documents.map((d) => d.DocumentNumber)) + 1);
  const range = await list({ DocumentTypes: [1], DocumentNumberFrom: 10002, DocumentNumberTo: 10003 });
  assert.deepEqual(range.Documents.map((d) => d.DocumentNumber), [10002, 10003]);
  assert.ok(!(await list({ DocumentTypes: [12] })).Documents.some((d) => d.DocumentID === draft.DocumentID));
  assert.ok((await list({ DocumentTypes: [12], IncludeDrafts: true })).Documents.some((d) => d.DocumentID === draft.DocumentID));
  assert.equal((await list({ DateTo: '2020-01-01' })).Documents.length, 0);
  const firstPage = await og.data('/accounting/documents/list/', { IncludeDrafts: true });
  assert.equal(firstPage.Documents.length, 10);
  assert.equal(firstPage.HasNextPage, true);
});

test('a reference filter matches the referenced card by id or by name', async () => {
  const leads = await og.data('/crm/data/listentities/', { Folder: 'פניות', LoadProperties: true, Paging: { PageSize: 1000 } });
  const withCustomer = leads.Entities.find((e) => e.Leads_Customer);
  const ref = withCustomer.Leads_Customer[0];
  const byId = await og.data('/crm/data/listentities/', { Folder: 'פניות', Filters: [{ Property: 'Leads_Customer', Value: ref.ID }] });
  const byName = await og.data('/crm/data/listentities/', { Folder: 'פניות', Filters: [{ Property: 'Leads_Customer', Value: ref.Name }] });
  assert.ok(byId.Entities.some((e) => e.ID === withCustomer.ID));
  assert.deepEqual(byName.Entities.map((e) => e.ID), byId.Entities.map((e) => e.ID));
});
