// The few HTML pages the sandbox itself serves: a document's download page (what
// DocumentDownloadURL points to; SUMIT gives a PDF, the sandbox a printable HTML page) and a
// customer's history page (CustomerHistoryURL).
import { documentDetails, findDocument } from './api/documents.mjs';
import { enumName, DOCUMENT_TYPE } from './api/enums.mjs';

const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

const page = (title, body) => `<!doctype html><html lang="he" dir="rtl"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:start}.note{color:#666;font-size:.9em}</style>
</head><body>${body}<p class="note">נוצר בסביבת ההדגמה המקומית של officeguy-make (sandbox), לא מסמך אמיתי.</p></body></html>`;

export function documentPage(sb, companyId, id) {
  const found = findDocument(sb, companyId, { id });
  const d = documentDetails(sb, companyId, found);
  const rows = d.Items.map((i) => `<tr><td>${esc(i.Item.Name)}</td><td>${esc(i.Description)}</td><td>${i.Quantity}</td><td>${i.UnitPrice}</td><td>${i.TotalPrice}</td></tr>`).join('');
  const pays = d.Payments.map((p) => `<tr><td>${p.Type}</td><td>${p.Amount}</td></tr>`).join('');
  return page(`${enumName(DOCUMENT_TYPE, d.Document.Type)} ${d.DocumentNumber ?? ''}`, `
<h1>${esc(enumName(DOCUMENT_TYPE, d.Document.Type))} ${d.DocumentNumber === null ? '(טיוטה)' : `מס' ${d.DocumentNumber}`}</h1>
<p>תאריך: ${esc(d.Document.Date)}<br>לקוח: ${esc(d.Document.Customer?.Name)} (${d.Document.Customer?.ID ?? ''})<br>${esc(d.Document.Description)}</p>
<table><tr><th>פריט</th><th>תיאור</th><th>כמות</th><th>מחיר</th><th>סה"כ</th></tr>${rows}</table>
<p>סכום המסמך: <b data-total>${d.Document.DocumentValue}</b> ₪ (מע"מ ${found.doc.vatRate.replace(/\.?0+$/, '')}%)</p>
${pays ? `<h2>תקבולים</h2><table><tr><th>סוג</th><th>סכום</th></tr>${pays}</table>` : ''}`);
}

export function customerPage(sb, companyId, id) {
  const row = sb.crm.row(companyId, id);
  if (!row || row.status === 2) return null;
  const props = sb.crm.answer(row);
  const docs = sb.db.prepare('SELECT id, type, number, body FROM documents WHERE company_id = ? AND customer_id = ? ORDER BY id').all(companyId, id);
  const list = docs.map((d) => `<li><a href="${esc(`${sb.baseUrl}/__docs/${d.id}`)}">${esc(enumName(DOCUMENT_TYPE, d.type))} ${d.number ?? '(טיוטה)'}</a>: ${JSON.parse(d.body).total.replace(/(\.\d\d)00$/, '$1')} ₪</li>`).join('');
  const fields = Object.entries(props).filter(([k]) => k !== 'ID' && k !== 'Folder').map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v.join(', '))}</td></tr>`).join('');
  return page(`לקוח ${id}`, `<h1>${esc((row.props.Customers_FullName || [])[0])}</h1><table>${fields}</table><h2>מסמכים</h2><ul>${list || '<li>אין</li>'}</ul>`);
}
