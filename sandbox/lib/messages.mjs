// Every user-facing message of the sandbox, in Hebrew and English. SUMIT picks the language
// of UserErrorMessage from the Content-Language header (default Hebrew); we have no Spanish,
// Arabic or Russian texts, so those get English.
// The validator's details are English; the common ones read in Hebrew too.
const HEBREW_DETAILS = [
  [/^unknown field (.+)$/, (m) => `שדה לא מוכר ${m[1]}`],
  [/^missing required field (.+)$/, (m) => `חסר שדה חובה ${m[1]}`],
  [/^must be one of (.+)$/, (m) => `ערך לא חוקי; ערכים אפשריים: ${m[1]}`],
  [/^must be integer$/, () => 'נדרש מספר שלם'],
  [/^must be number$/, () => 'נדרש מספר'],
  [/^must be string$/, () => 'נדרש טקסט'],
  [/^must be boolean$/, () => 'נדרש true או false'],
  [/^must be array$/, () => 'נדרשת רשימה'],
  [/^must be (\w+) or null$/, (m) => `נדרש ${m[1]} או null`],
  [/^must match format "(int32|int64)"$/, () => 'מספר מחוץ לטווח'],
  [/^must NOT have fewer than 1 characters$/, () => 'לא יכול להיות ריק'],
  [/^not a date$/, () => 'תאריך לא תקין'],
  [/^required$/, () => 'שדה חובה'],
];

function hebrewDetail(detail) {
  for (const [re, fn] of HEBREW_DETAILS) {
    const m = String(detail).match(re);
    if (m) return fn(m);
  }
  return detail;
}

const MESSAGES = {
  invalid_json: {
    he: () => 'גוף הבקשה אינו JSON תקין',
    en: () => 'The request body is not valid JSON',
  },
  invalid_field: {
    he: ({ field, detail }) => `שדה לא תקין: ${field} (${hebrewDetail(detail)})`,
    en: ({ field, detail }) => `Invalid field: ${field} (${detail})`,
  },
  unauthorized: {
    he: () => 'ההרשאה נדחתה: מזהה החברה או מפתח ה-API שגויים',
    en: () => 'Permission denied: wrong company ID or API key',
  },
  not_in_sandbox: {
    he: ({ path }) => `הפעולה ${path} אינה זמינה בסביבת ההדגמה המקומית`,
    en: ({ path }) => `${path} is not available in the local sandbox`,
  },
  technical: {
    he: () => 'אירעה שגיאה טכנית, נסו שוב מאוחר יותר',
    en: () => 'A technical error occurred, please try again later',
  },
  folder_not_found: {
    he: ({ folder }) => `התיקייה "${folder}" לא נמצאה`,
    en: ({ folder }) => `Folder "${folder}" was not found`,
  },
  folder_required: {
    he: () => 'יש לציין תיקייה (Folder)',
    en: () => 'Folder is required',
  },
  view_not_found: {
    he: ({ view }) => `התצוגה ${view} לא נמצאה בתיקייה`,
    en: ({ view }) => `View ${view} was not found in the folder`,
  },
  entity_not_found: {
    he: ({ id }) => `הכרטיס ${id} לא נמצא`,
    en: ({ id }) => `Entity ${id} was not found`,
  },
  entity_id_required: {
    he: () => 'יש לציין מזהה כרטיס (Entity.ID)',
    en: () => 'Entity.ID is required',
  },
  entity_wrong_folder: {
    he: ({ id, folder }) => `הכרטיס ${id} אינו שייך לתיקייה ${folder}`,
    en: ({ id, folder }) => `Entity ${id} does not belong to folder ${folder}`,
  },
  unknown_property: {
    he: ({ property, folder }) => `המאפיין "${property}" אינו קיים בתיקייה ${folder}`,
    en: ({ property, folder }) => `Property "${property}" does not exist in folder ${folder}`,
  },
  invalid_property_value: {
    he: ({ property, expected }) => `ערך לא תקין במאפיין ${property}: נדרש ${expected.he}`,
    en: ({ property, expected }) => `Invalid value for property ${property}: expected ${expected.en}`,
  },
  required_property: {
    he: ({ property }) => `חובה למלא את המאפיין ${property}`,
    en: ({ property }) => `Property ${property} is required`,
  },
  reference_not_found: {
    he: ({ property, id }) => `המאפיין ${property} מפנה לכרטיס ${id} שאינו קיים`,
    en: ({ property, id }) => `Property ${property} refers to entity ${id}, which does not exist`,
  },
  customer_name_required: {
    he: () => 'שם הלקוח הוא שדה חובה ליצירת לקוח חדש',
    en: () => 'Customer name is required to create a new customer',
  },
  customer_not_found: {
    he: ({ id }) => `הלקוח ${id} לא נמצא`,
    en: ({ id }) => `Customer ${id} was not found`,
  },
  document_type_not_supported: {
    he: ({ type }) => `סוג המסמך אינו נתמך: ${type}`,
    en: ({ type }) => `Document type not supported: ${type}`,
  },
  document_items_required: {
    he: () => 'יש להוסיף לפחות שורת פריט אחת למסמך',
    en: () => 'The document needs at least one item',
  },
  document_item_price_required: {
    he: ({ index }) => `חסר מחיר בשורה ${index + 1} (Items[${index}].UnitPrice)`,
    en: ({ index }) => `Items[${index}].UnitPrice is missing`,
  },
  document_item_name_required: {
    he: ({ index }) => `חסר תיאור לפריט בשורה ${index + 1} (Items[${index}].Item.Name)`,
    en: ({ index }) => `Items[${index}] needs Item.Name, Item.ID or Description`,
  },
  document_payments_required: {
    he: () => 'יש להוסיף לפחות תקבול אחד למסמך',
    en: () => 'The document needs at least one payment',
  },
  document_payments_mismatch: {
    he: ({ total, paid }) => `סכום התקבולים (${paid}) אינו תואם את סכום המסמך (${total})`,
    en: ({ total, paid }) => `The payments (${paid}) do not add up to the document total (${total})`,
  },
  document_vat_per_item: {
    he: () => 'כאשר VATPerItem פעיל אין לשלוח VATRate או VATIncluded',
    en: () => 'With VATPerItem, VATRate must be empty and VATIncluded empty or false',
  },
  document_backdated: {
    he: () => 'המערכת מגבילה הפקת מסמכים בתאריך עבר עד שלושה ימים אחורה',
    en: () => 'Documents can be dated at most three days back',
  },
  document_not_found: {
    he: () => 'המסמך לא נמצא',
    en: () => 'The document was not found',
  },
  document_reference_required: {
    he: () => 'יש לציין DocumentID, או DocumentType ו-DocumentNumber',
    en: () => 'Give DocumentID, or DocumentType with DocumentNumber',
  },
  email_required: {
    he: () => 'לא נמצאה כתובת דואר אלקטרוני לשליחת המסמך',
    en: () => 'There is no e-mail address to send the document to',
  },
  invalid_email: {
    he: ({ value }) => `כתובת הדואר האלקטרוני אינה תקינה: ${value}`,
    en: ({ value }) => `Invalid e-mail address: ${value}`,
  },
  invalid_phone: {
    he: ({ value }) => `מספר הטלפון אינו תקין: ${value}`,
    en: ({ value }) => `Invalid phone number: ${value}`,
  },
  recipients_required: {
    he: () => 'יש לציין לפחות נמען אחד',
    en: () => 'At least one recipient is required',
  },
  sender_not_verified: {
    he: ({ sender }) => `מספר השולח ${sender} אינו מאומת`,
    en: ({ sender }) => `Sender ${sender} is not verified`,
  },
  schedule_with_draft: {
    he: () => 'לא ניתן לתזמן שליחה בשמירה כטיוטה',
    en: () => 'Schedule is not supported for draft saving',
  },
  sms_quota_exceeded: {
    he: () => 'מכסת ההודעות אינה מספיקה',
    en: () => 'The SMS quota is exhausted',
  },
  mailing_list_not_found: {
    he: ({ id }) => `רשימת התפוצה ${id} לא נמצאה`,
    en: ({ id }) => `Mailing list ${id} was not found`,
  },
  url_required: {
    he: () => 'יש לציין כתובת (URL) תקינה מסוג http או https',
    en: () => 'URL must be an http or https address',
  },
  trigger_type_invalid: {
    he: ({ value }) => `סוג הטריגר אינו תקין: ${value}. ערכים אפשריים: CreateOrUpdate, Create, Update, Archive, Delete`,
    en: ({ value }) => `Invalid TriggerType: ${value}. Use CreateOrUpdate, Create, Update, Archive or Delete`,
  },
  trigger_not_found: {
    he: () => 'לא נמצא טריגר עם הכתובת הזו',
    en: () => 'No trigger with this URL was found',
  },
};

/** The language of UserErrorMessage for a Content-Language header value. */
export function languageOf(header) {
  const tag = String(header || '').trim().toLowerCase();
  return tag === '' || tag.startsWith('he') ? 'he' : 'en';
}

export function message(key, params, lang) {
  const entry = MESSAGES[key] || MESSAGES.technical;
  return entry[lang === 'en' ? 'en' : 'he'](params || {});
}

/** A business error (Status 1): a message key and its parameters, rendered per request language. */
export class ApiError extends Error {
  constructor(key, params = {}) {
    super(message(key, params, 'en'));
    this.key = key;
    this.params = params;
  }
}
