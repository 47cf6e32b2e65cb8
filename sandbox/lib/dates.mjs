// Dates the way SUMIT writes them: ISO-8601 with the Israel offset, e.g.
// "2026-09-24T00:00:00+03:00". The offset comes from the tz database (Asia/Jerusalem).
const TZ = 'Asia/Jerusalem';
const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset',
});

function fields(date) {
  const out = {};
  for (const p of parts.formatToParts(date)) out[p.type] = p.value;
  const offset = out.timeZoneName === 'GMT' ? '+00:00' : out.timeZoneName.replace('GMT', '');
  return { ...out, offset };
}

/** A moment as Israel local time with its offset. */
export function israelDateTime(date = new Date()) {
  const f = fields(date);
  return `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}:${f.second}${f.offset}`;
}

/** The Israel calendar day of a moment, "YYYY-MM-DD". */
export function israelDay(date = new Date()) {
  const f = fields(date);
  return `${f.year}-${f.month}-${f.day}`;
}

/** Midnight of an Israel calendar day, with that day's offset. */
export function israelMidnight(day) {
  const noon = new Date(`${day}T12:00:00Z`);
  return `${day}T00:00:00${fields(noon).offset}`;
}

/**
 * Reads a client's date or date-time. A bare date or a time without offset is Israel local
 * time. Returns a Date, or null when the text is not a date.
 */
export function parseDate(text) {
  if (typeof text !== 'string') return null;
  const m = text.trim().match(/^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/);
  if (!m) return null;
  const [, day, time = '00:00:00', zone] = m;
  const noon = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(noon.getTime()) || noon.toISOString().slice(0, 10) !== day) return null;
  const offset = zone || fields(noon).offset;
  const d = new Date(`${day}T${time.length === 5 ? `${time}:00` : time}${offset === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Whole days between two Israel calendar days (b - a). */
export function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}
