// SMS (send, send-multiple, verified senders) and both kinds of mailing lists. Sent messages
// and list members are recorded so that tests and the admin API can read them back.
import { ApiError } from '../lib/messages.mjs';
import { israelDateTime, parseDate } from '../lib/dates.mjs';
import { nextId } from '../store/db.mjs';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// GSM 03.38 basic set: such texts take 160 characters a message, anything else (Hebrew, emoji) 70
const GSM = /^[A-Za-z0-9 \r\n@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà^{}\\[~\]|€]*$/;

export function validPhone(value) {
  const text = String(value ?? '').trim();
  if (!/^\+?[\d\s\-()]+$/.test(text)) return false;
  const digits = text.replace(/\D/g, '');
  return digits.length >= 9 && digits.length <= 15;
}

/** How many messages a text takes (concatenated parts are shorter: 153 or 67). */
export function segments(text) {
  const gsm = GSM.test(text);
  const length = gsm ? text.length : [...text].reduce((n, ch) => n + (ch.length > 1 ? 2 : 1), 0);
  const [single, part] = gsm ? [160, 153] : [70, 67];
  return length <= single ? 1 : Math.ceil(length / part);
}

function checkSender(sb, companyId, sender) {
  if (sender === null || sender === undefined || sender === '') return null;
  const row = sb.db.prepare('SELECT * FROM sms_senders WHERE company_id = ? AND number = ?').get(companyId, String(sender).trim());
  if (!row || !row.verified) throw new ApiError('sender_not_verified', { sender });
  return row.number;
}

function sendSms(sb, company, { recipients, text, draft, schedule, sender }) {
  if (!recipients.length) throw new ApiError('recipients_required');
  for (const r of recipients) if (!validPhone(r)) throw new ApiError('invalid_phone', { value: r });
  const from = checkSender(sb, company.id, sender);
  if (schedule && draft) throw new ApiError('schedule_with_draft');
  if (schedule && !parseDate(schedule)) throw new ApiError('invalid_field', { field: 'Schedule', detail: 'not a date' });
  // EstimatedQuota: the messages this send uses (parts × recipients), taken from the company's quota
  const cost = segments(text) * recipients.length;
  if (!draft) {
    if (company.sms_quota < cost) throw new ApiError('sms_quota_exceeded');
    sb.db.prepare('UPDATE companies SET sms_quota = sms_quota - ? WHERE id = ?').run(cost, company.id);
  }
  const folder = sb.crm.folderOfKind(company.id, 'sms');
  const props = { SMS_Text: [text], SMS_Recipients: recipients, SMS_IsDraft: [!!draft] };
  if (from) props.SMS_Sender = [from];
  if (schedule) props.SMS_Schedule = [israelDateTime(parseDate(schedule))];
  // a database made before the SMS folder existed still answers an id
  const id = folder ? sb.crm.create(company.id, folder, props, { raw: true }).id : nextId(sb.db, company.id);
  sb.db.prepare(`INSERT INTO sms_messages (id, company_id, sender, recipients, text, draft, schedule, segments, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, company.id, from, JSON.stringify(recipients), text, draft ? 1 : 0,
    schedule ?? null, cost, israelDateTime());
  return { EntityID: id, EstimatedQuota: cost };
}

function lists(sb, companyId, kind) {
  return sb.db.prepare('SELECT id, name FROM mailing_lists WHERE company_id = ? AND kind = ? ORDER BY id').all(companyId, kind)
    .map((r) => ({ ID: r.id, Name: r.name }));
}

function addMember(sb, companyId, kind, listId, address, name) {
  const list = sb.db.prepare('SELECT * FROM mailing_lists WHERE company_id = ? AND kind = ? AND id = ?').get(companyId, kind, listId);
  if (!list) throw new ApiError('mailing_list_not_found', { id: listId });
  // adding someone already on the list changes nothing (the real behaviour is unknown)
  sb.db.prepare(`INSERT INTO mailing_list_members (list_id, address, name, added_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (list_id, address) DO UPDATE SET name = COALESCE(excluded.name, name)`)
    .run(list.id, address, name ?? null, israelDateTime());
  return {};
}

export const routes = {
  '/sms/sms/send/': ({ body, company, sb }) => sendSms(sb, company, {
    recipients: [body.Recipient], text: body.Text, draft: !!body.SaveDraft, sender: body.Sender,
  }),

  '/sms/sms/sendmultiple/': ({ body, company, sb }) => sendSms(sb, company, {
    recipients: body.Recipients, text: body.Text, draft: !!body.SaveDraft, schedule: body.Schedule, sender: body.Sender,
  }),

  '/sms/sms/listsenders/': ({ company, sb }) => ({
    Senders: sb.db.prepare('SELECT number FROM sms_senders WHERE company_id = ? AND verified = 1 ORDER BY number').all(company.id).map((r) => r.number),
  }),

  '/sms/mailinglists/list/': ({ company, sb }) => ({ MailingLists: lists(sb, company.id, 'sms') }),

  '/sms/mailinglists/add/': ({ body, company, sb }) => {
    if (!validPhone(body.PhoneNumber)) throw new ApiError('invalid_phone', { value: body.PhoneNumber });
    return addMember(sb, company.id, 'sms', body.MailingListID, body.PhoneNumber.trim(), body.Name);
  },

  '/emailsubscriptions/mailinglists/list/': ({ company, sb }) => ({ MailingLists: lists(sb, company.id, 'email') }),

  '/emailsubscriptions/mailinglists/add/': ({ body, company, sb }) => {
    const address = body.EmailAddress.trim();
    if (!EMAIL.test(address)) throw new ApiError('invalid_email', { value: body.EmailAddress });
    return addMember(sb, company.id, 'email', body.MailingListID, address, body.Name);
  },
};
