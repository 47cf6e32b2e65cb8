// The demo company, in Hebrew: customers, a leads folder and a projects folder with views,
// documents, income items, two e-mail and two SMS mailing lists, and a verified SMS sender.
// Deterministic (no randomness), so the demo looks the same on every machine.
import { randomBytes } from 'node:crypto';

export const DEMO_COMPANY_ID = 60313470;

const FIRST_NAMES = ['נועה', 'איתי', 'מאיה', 'יונתן', 'תמר', 'אורי', 'שירה', 'דניאל', 'יעל', 'עומר', 'רוני', 'אביגיל', 'עידו', 'הדר', 'נדב', 'ליה', 'אלון', 'מיכל', 'גיא', 'רותם', 'עדי', 'אריאל', 'שני', 'טל', 'ענבל'];
const LAST_NAMES = ['כהן', 'לוי', 'מזרחי', 'פרץ', 'ביטון', 'אברהם', 'פרידמן', 'שפירא', 'אזולאי', 'דהן', 'חדד', 'גבאי', 'בן דוד', 'קפלן', 'רוזן'];
const BUSINESSES = ['מאפיית השכונה בע"מ', 'יזמות הגליל בע"מ', 'סטודיו אור ☀️', 'נגריית העמק', 'קפה ים 🌊', 'משרד רו"ח ברק', 'גן ירק אורגני', 'מוסך הצפון', 'הדפוס של יוסי', 'Tech Nova Ltd'];
const CITIES = ['תל אביב-יפו', 'ירושלים', 'חיפה', 'באר שבע', 'נתניה', 'ראשון לציון', 'פתח תקווה', 'אשדוד', 'הרצליה', 'כפר סבא', 'מודיעין', 'נצרת'];
const STREETS = ['הרצל', 'ויצמן', 'בן גוריון', 'רוטשילד', 'הנביאים', 'ז\'בוטינסקי', 'אחד העם', 'העצמאות'];
const SEGMENTS = ['חדש', 'קבוע', 'VIP'];

function customers() {
  const out = [];
  for (let i = 0; i < 50; i++) {
    const isBusiness = i % 5 === 4;
    const name = isBusiness ? BUSINESSES[(i / 5) | 0] : `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`;
    const segment = i % 7 === 0 ? 'VIP' : i >= 40 ? 'חדש' : SEGMENTS[1];
    out.push({
      Customers_FullName: name,
      Customers_Phone: `05${(i % 8) + 0}-${String(1000000 + i * 7919).slice(-7)}`,
      Customers_EmailAddress: `customer${i + 1}@example.co.il`,
      Customers_City: CITIES[i % CITIES.length],
      Customers_Address: `${STREETS[i % STREETS.length]} ${(i * 3) % 120 + 1}`,
      Customers_ZipCode: String(6100000 + i * 1013),
      ...(isBusiness ? { Customers_CompanyNumber: String(514000000 + i * 97) } : {}),
      Customers_ExternalIdentifier: `demo-${String(i + 1).padStart(3, '0')}`,
      Customers_Segment: segment,
      ...(i % 3 === 0 ? { Customers_Birthdate: `19${70 + (i % 30)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}` } : {}),
      ...(i === 12 ? { Customers_NoVAT: true } : {}),
    });
  }
  return out;
}

const INCOME_ITEMS = [
  { name: 'ייעוץ עסקי (שעה)', sku: 'CONS-1H', price: '450.00' },
  { name: 'עיצוב לוגו', sku: 'LOGO', price: '1800.00' },
  { name: 'בניית אתר תדמית', sku: 'WEB-BASIC', price: '6500.00' },
  { name: 'תחזוקה חודשית', sku: 'MAINT-M', price: '350.00' },
  { name: 'סדנה קבוצתית', sku: 'WORKSHOP', price: '2400.00' },
  { name: 'ספר הדרכה מודפס 📘', sku: 'BOOK', price: '89.90' },
];

/**
 * Creates a company (the demo one when `demo`) and returns {companyId, apiKey}. `call` runs an
 * API handler as a client would, so seeded documents and customers go through the same code.
 */
export function seedCompany(sb, { companyId = DEMO_COMPANY_ID, apiKey = randomBytes(18).toString('base64url'), demo = true } = {}) {
  const { db, crm } = sb;
  const details = {
    Name: demo ? 'הדגמה בע"מ' : `חברת בדיקה ${companyId}`, EmailAddress: 'office@demo.example.co.il',
    DocumentsEmailAddress: 'docs@demo.example.co.il', Country: 'ישראל', Address: 'רוטשילד 1, תל אביב-יפו',
    Phone: '03-5555555', Fax: null, Title: 'שירותי ייעוץ ופיתוח', CorporateNumber: '515555555',
    English_Name: 'Demo Ltd', English_Address: '1 Rothschild Blvd, Tel Aviv', English_Country: 'Israel',
    English_Phone: '+972-3-5555555', English_Fax: null, English_Title: 'Consulting and development',
    CompanyType: 0, Logo: null, Website: 'https://demo.example.co.il',
  };
  db.prepare('INSERT INTO companies (id, api_key, details) VALUES (?, ?, ?)')
    .run(companyId, apiKey, JSON.stringify(details));

  const cust = crm.createFolder(companyId, { name: 'לקוחות', kind: 'customers', nameProperty: 'Customers_FullName' });
  const P = (folder, name, apiName, valueType, extra = {}) => crm.createProperty(companyId, folder.id, { name, apiName, valueType, ...extra });
  P(cust, 'שם מלא', 'Customers_FullName', 'Text', { required: true });
  P(cust, 'טלפון', 'Customers_Phone', 'Text');
  P(cust, 'דואר אלקטרוני', 'Customers_EmailAddress', 'Text');
  P(cust, 'עיר', 'Customers_City', 'Text');
  P(cust, 'כתובת', 'Customers_Address', 'Text');
  P(cust, 'מיקוד', 'Customers_ZipCode', 'Text');
  P(cust, 'מספר חברה / ע.מ.', 'Customers_CompanyNumber', 'Text');
  P(cust, 'מזהה חיצוני', 'Customers_ExternalIdentifier', 'Text');
  P(cust, 'פטור ממע"מ', 'Customers_NoVAT', 'Boolean');
  P(cust, 'תאריך לידה', 'Customers_Birthdate', 'Date');
  P(cust, 'סוג לקוח', 'Customers_Segment', 'Text', { category: 'Custom', description: 'חדש / קבוע / VIP' });
  const custColumns = ['Customers_FullName', 'Customers_Phone', 'Customers_EmailAddress', 'Customers_City', 'Customers_Segment'];
  crm.createView(companyId, cust.id, { name: 'כל הלקוחות', columns: custColumns });
  crm.createView(companyId, cust.id, { name: 'לקוחות חדשים', filters: [{ Property: 'Customers_Segment', Value: 'חדש' }], columns: custColumns });
  crm.createView(companyId, cust.id, { name: 'לקוחות VIP', filters: [{ Property: 'Customers_Segment', Value: 'VIP' }], columns: custColumns });

  const docs = crm.createFolder(companyId, { name: 'מסמכים', kind: 'documents', nameProperty: 'Accounting_Number' });
  P(docs, 'מספר מסמך', 'Accounting_Number', 'Number');
  P(docs, 'סוג מסמך', 'Accounting_Type', 'Enum', { description: 'DocumentType of the API (0 invoice, 1 invoice-receipt, ...)' });
  P(docs, 'תאריך', 'Accounting_Date', 'Date');
  P(docs, 'תאריך הפקה', 'Accounting_InsertDate', 'Date');
  P(docs, 'לקוח', 'Accounting_Customer', 'Entity', { targetFolderId: cust.id });
  P(docs, 'סכום כולל', 'Accounting_DisplayCompanyValue', 'Number');
  P(docs, 'סכום ללא מע"מ', 'Accounting_DisplayCompanyValueWithoutVAT', 'Number');
  P(docs, 'שיעור מע"מ', 'Accounting_VATRate', 'Number');
  P(docs, 'טיוטה', 'Accounting_IsDraft', 'Boolean');
  P(docs, 'תיאור', 'Accounting_Description', 'Text');
  const docColumns = ['Accounting_Number', 'Accounting_Type', 'Accounting_Date', 'Accounting_Customer', 'Accounting_DisplayCompanyValue'];
  crm.createView(companyId, docs.id, { name: 'כל המסמכים', columns: docColumns });
  crm.createView(companyId, docs.id, { name: 'חשבוניות מס/קבלות', filters: [{ Property: 'Accounting_Type', Value: 1 }], columns: docColumns });

  const leads = crm.createFolder(companyId, { name: 'פניות', nameProperty: 'Leads_Subject' });
  P(leads, 'נושא', 'Leads_Subject', 'Text', { required: true, category: 'Custom' });
  P(leads, 'לקוח', 'Leads_Customer', 'Entity', { targetFolderId: cust.id, category: 'Custom' });
  P(leads, 'סטטוס', 'Leads_Status', 'Enum', { category: 'Custom', description: '1 חדשה, 2 בטיפול, 3 נסגרה' });
  P(leads, 'סכום משוער', 'Leads_Amount', 'Number', { category: 'Custom' });
  P(leads, 'תאריך מעקב', 'Leads_FollowUp', 'Date', { category: 'Custom' });
  P(leads, 'הערות', 'Leads_Notes', 'Text', { category: 'Custom' });
  const leadColumns = ['Leads_Subject', 'Leads_Customer', 'Leads_Status', 'Leads_Amount'];
  crm.createView(companyId, leads.id, { name: 'כל הפניות', columns: leadColumns });
  crm.createView(companyId, leads.id, { name: 'פניות פתוחות', filters: [{ Property: 'Leads_Status', Value: 3, Negative: true }], columns: leadColumns });

  const projects = crm.createFolder(companyId, { name: 'פרויקטים', nameProperty: 'Projects_Name' });
  P(projects, 'שם הפרויקט', 'Projects_Name', 'Text', { required: true, category: 'Custom' });
  P(projects, 'לקוח', 'Projects_Customer', 'Entity', { targetFolderId: cust.id, category: 'Custom' });
  P(projects, 'תקציב', 'Projects_Budget', 'Number', { category: 'Custom' });
  P(projects, 'פעיל', 'Projects_Active', 'Boolean', { category: 'Custom' });
  crm.createView(companyId, projects.id, { name: 'כל הפרויקטים', columns: ['Projects_Name', 'Projects_Customer', 'Projects_Budget', 'Projects_Active'] });
  crm.createView(companyId, projects.id, { name: 'פרויקטים פעילים', filters: [{ Property: 'Projects_Active', Value: true }], columns: ['Projects_Name', 'Projects_Customer', 'Projects_Budget'] });

  // sent SMS are cards too: /sms/sms/send/ answers the card's EntityID
  const sms = crm.createFolder(companyId, { name: 'הודעות SMS', kind: 'sms', nameProperty: 'SMS_Text' });
  P(sms, 'תוכן', 'SMS_Text', 'Text');
  P(sms, 'נמענים', 'SMS_Recipients', 'Text');
  P(sms, 'שולח', 'SMS_Sender', 'Text');
  P(sms, 'טיוטה', 'SMS_IsDraft', 'Boolean');
  P(sms, 'מועד שליחה מתוזמן', 'SMS_Schedule', 'Date');
  crm.createView(companyId, sms.id, { name: 'כל ההודעות', columns: ['SMS_Text', 'SMS_Recipients', 'SMS_Sender', 'SMS_IsDraft'] });

  for (const [kind, names] of [['email', ['ניוזלטר חודשי', 'לקוחות VIP – מבצעים']], ['sms', ['תזכורות תורים', 'מבצעי סוף שבוע']]]) {
    for (const name of names) {
      db.prepare('INSERT INTO mailing_lists (id, company_id, kind, name) VALUES (?, ?, ?, ?)').run(sb.nextId(companyId), companyId, kind, name);
    }
  }
  db.prepare('INSERT INTO sms_senders (company_id, number, verified) VALUES (?, ?, 1)').run(companyId, '0501234567');
  db.prepare('INSERT INTO sms_senders (company_id, number, verified) VALUES (?, ?, 0)').run(companyId, '0529876543');
  for (const item of INCOME_ITEMS) {
    db.prepare('INSERT INTO income_items (id, company_id, name, price, sku) VALUES (?, ?, ?, ?, ?)').run(sb.nextId(companyId), companyId, item.name, item.price, item.sku);
  }

  if (!demo) return { companyId, apiKey };

  const customerIds = customers().map((props) => crm.create(companyId, cust, props).id);
  const leadSubjects = ['בקשה להצעת מחיר לאתר', 'שאלה על חשבונית', 'תיאום פגישת ייעוץ', 'הזמנת סדנה לצוות', 'שדרוג חבילת תחזוקה', 'ביקורת על הספר 📘'];
  leadSubjects.forEach((subject, i) => crm.create(companyId, leads, {
    Leads_Subject: subject, Leads_Customer: customerIds[i * 3], Leads_Status: (i % 3) + 1,
    Leads_Amount: [1800, 450, 450, 2400, 350, 89.9][i], Leads_Notes: i === 5 ? 'הלקוח ביקש עותק נוסף' : null,
  }));
  [['אתר חדש למאפייה', 4, 6500, true], ['מיתוג סטודיו אור', 14, 1800, true], ['ייעוץ שנתי', 9, 5400, false]].forEach(([name, c, budget, active]) =>
    crm.create(companyId, projects, { Projects_Name: name, Projects_Customer: customerIds[c], Projects_Budget: budget, Projects_Active: active }));

  const documents = [
    { Type: 1, customer: 0, items: [['CONS-1H', 2]], pay: 'Details_Cash' },
    { Type: 0, customer: 4, items: [['WEB-BASIC', 1], ['MAINT-M', 3]] },
    { Type: 1, customer: 7, items: [['BOOK', 3]], pay: 'Details_CreditCard' },
    { Type: 2, customer: 4, payOnly: '3000', pay: 'Details_BankTransfer' },
    { Type: 3, customer: 14, items: [['LOGO', 1]] },
    { Type: 1, customer: 21, items: [['WORKSHOP', 1]], pay: 'Details_Cheque' },
  ];
  for (const d of documents) {
    const items = (d.items || []).map(([sku, qty]) => ({ Quantity: qty, Item: { SKU: sku, SearchMode: 4 } }));
    const body = { Details: { Type: d.Type, Customer: { ID: customerIds[d.customer] } }, Items: items, VATIncluded: true };
    if (d.pay) {
      const total = d.payOnly ?? String(items.reduce((n, it) => n + Math.round(Number(INCOME_ITEMS.find((x) => x.sku === it.Item.SKU).price) * 100) * it.Quantity, 0) / 100);
      body.Payments = [{ Amount: Number(total), [d.pay]: {} }];
    }
    sb.call('/accounting/documents/create/', companyId, body);
  }
  return { companyId, apiKey };
}
