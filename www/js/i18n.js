// The page's own words in Hebrew and English. Labels of actions and fields come from the
// core's catalogue (`label: {en, he}`); only the page's chrome is written here.

const words = {
  title: { he: 'OfficeGuy ל-Make: בניית מיפוי', en: 'OfficeGuy to Make: mapping builder' },
  language: { he: 'English', en: 'עברית' },
  languageSwitch: { he: 'Switch to English', en: 'החלפה לעברית' },
  stepConnect: { he: '1. חיבור', en: '1. Connect' },
  companyId: { he: 'מספר הארגון (CompanyID)', en: 'Organisation ID (CompanyID)' },
  apiKey: { he: 'מפתח API פרטי', en: 'Private API key' },
  apiKeyHelp: { he: 'המפתח נשמר בזיכרון בלבד כל עוד הדף פתוח.', en: 'The key stays in memory only, while the page is open.' },
  baseUrl: { he: 'כתובת השרת', en: 'Server address' },
  connect: { he: 'התחברות', en: 'Connect' },
  useDemo: { he: 'חברת הדגמה (ארגז החול)', en: 'Demo company (sandbox)' },
  connected: { he: 'מחובר', en: 'Connected' },
  notConnected: { he: 'לא מחובר', en: 'Not connected' },
  stepTrigger: { he: '2. טריגר', en: '2. Trigger' },
  folder: { he: 'תיקייה', en: 'Folder' },
  view: { he: 'תצוגה', en: 'View' },
  triggerType: { he: 'סוג השינוי', en: 'Change type' },
  choose: { he: '— בחירה —', en: '— choose —' },
  atPosition: { he: 'במקום', en: 'at position' },
  defaultIs: { he: 'ברירת מחדל', en: 'Default' },
  stepSample: { he: '3. כרטיס לדוגמה', en: '3. Sample card' },
  sampleHelp: {
    he: 'הכרטיסים החדשים בתיקייה. הנתונים מוצגים כפי שהטריגר ימסור אותם.',
    en: "The folder's newest cards. Values are shown as the trigger will deliver them.",
  },
  emptyFolder: {
    he: 'התיקייה ריקה. כדי שלטריגר תהיה דוגמה, צריך לפחות כרטיס אחד בתצוגה: צרו כרטיס ונסו שוב.',
    en: 'The folder is empty. The trigger needs at least one card in the view as a sample: create a card and try again.',
  },
  reload: { he: 'רענון', en: 'Reload' },
  stepAction: { he: '4. פעולה', en: '4. Action' },
  action: { he: 'פעולה', en: 'Action' },
  stepMapping: { he: '5. מיפוי השדות', en: '5. Map the fields' },
  mappingHelp: {
    he: 'כל שדה הוא ערך קבוע או ביטוי IML כמו {{1.Customers_FullName}}. בחרו שדה ולחצו על ערך מהכרטיס כדי להכניס אותו.',
    en: 'Each field is a constant or an IML expression such as {{1.Customers_FullName}}. Focus a field, then pick a value from the card to insert it.',
  },
  mapAsExpression: { he: 'מיפוי', en: 'Map' },
  addItem: { he: 'הוספה', en: 'Add' },
  removeItem: { he: 'הסרה', en: 'Remove' },
  required: { he: 'חובה', en: 'required' },
  pickerTitle: { he: 'ערכים מהטריגר', en: 'Values from the trigger' },
  pickerEmpty: { he: 'בחרו כרטיס לדוגמה כדי לראות את ערכיו.', en: 'Choose a sample card to see its values.' },
  stepPreview: { he: '6. תצוגה מקדימה', en: '6. Preview' },
  resolvedParams: { he: 'הפרמטרים אחרי המיפוי', en: 'Parameters after mapping' },
  requestBody: { he: 'הבקשה המדויקת (המפתח מוסתר)', en: 'The exact request (key masked)' },
  valid: { he: 'אין שגיאות', en: 'No problems found' },
  problems: { he: 'בעיות', en: 'Problems' },
  stepRun: { he: '7. הרצה', en: '7. Run' },
  run: { he: 'שליחת הבקשה', en: 'Send the request' },
  confirmRun: { he: 'לשלוח את הבקשה ל-OfficeGuy? הפעולה תבוצע באמת.', en: 'Send this request to OfficeGuy? It will really be carried out.' },
  confirm: { he: 'שליחה', en: 'Send' },
  cancel: { he: 'ביטול', en: 'Cancel' },
  result: { he: 'תשובה', en: 'Answer' },
  openDocument: { he: 'פתיחת המסמך', en: 'Open the document' },
  stepExport: { he: '8. ייצוא וייבוא', en: '8. Export and import' },
  exportMapping: { he: 'הורדת המיפוי (JSON)', en: 'Download the mapping (JSON)' },
  exportBlueprint: { he: 'הורדת Blueprint ל-Make', en: 'Download a Make blueprint' },
  copyBlueprint: { he: 'העתקת ה-Blueprint', en: 'Copy the blueprint' },
  importMapping: { he: 'טעינת מיפוי מקובץ', en: 'Load a mapping file' },
  copied: { he: 'הועתק', en: 'Copied' },
  imported: { he: 'המיפוי נטען', en: 'Mapping loaded' },
  working: { he: 'טוען…', en: 'Loading…' },
  error: { he: 'שגיאה', en: 'Error' },
};

let lang = 'he';

export function getLang() {
  return lang;
}

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'he';
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'he' ? 'rtl' : 'ltr';
}

/** The page's word for `key` in the current language. */
export function t(key) {
  const w = words[key];
  if (!w) return key;
  return w[lang] ?? w.en;
}

/** A catalogue label `{en, he}` (or a plain string) in the current language. */
export function label(value) {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  return value[lang] ?? value.en ?? '';
}

/** Fills every `[data-t]` element's text and `[data-t-aria]` element's aria-label. */
export function translateStatic(root = document) {
  for (const el of root.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of root.querySelectorAll('[data-t-aria]')) el.setAttribute('aria-label', t(el.dataset.tAria));
}
