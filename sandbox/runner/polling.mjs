// Make's dedupe for polling triggers. The app says, per item, what its id (and date) is and in
// which order the API lists items; Make keeps the last id/date (`data.lastID`,
// `data.lastDate`), emits only unseen items, oldest first, at most `limit` of them, and
// starts where the user's Epoch choice says.
import { MakeError } from './errors.mjs';

export const EPOCH_ALL_DATE = '1970-01-01T00:00:00.000Z';

/** Compares two ids: as integers when both are (exactly, no float rounding), else as text. */
export function compareIds(a, b) {
  const sa = String(a), sb = String(b);
  if (/^-?\d+$/.test(sa) && /^-?\d+$/.test(sb)) {
    const x = BigInt(sa), y = BigInt(sb);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function time(value, what) {
  const t = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(t)) throw new MakeError('DataError', 'bad_trigger_date', `the trigger date ${JSON.stringify(value)} of ${what} is not a date`);
  return t;
}

/**
 * The state a trigger starts from, by Epoch choice:
 *   {from: 'all'}                → every item (dates from 1970, no id yet)
 *   {from: 'now'}                → only items after `now` (date triggers); id triggers prime
 *                                  on the first poll instead (see pollOnce)
 *   {from: 'date', date}         → items after that date ("Since specific date")
 *   {from: 'item', id, date?}    → items after that item ("Choose manually")
 */
export function epochState(choice = { from: 'now' }, now = new Date()) {
  switch (choice.from) {
    case 'all': return { lastID: null, lastDate: EPOCH_ALL_DATE };
    case 'now': return { lastID: null, lastDate: new Date(now).toISOString(), prime: true };
    case 'date': return { lastID: null, lastDate: new Date(time(choice.date, 'the epoch')).toISOString() };
    case 'item': return { lastID: choice.id ?? null, lastDate: choice.date ?? null };
    default: throw new MakeError('InvalidConfigurationError', 'bad_epoch', `unknown epoch choice ${JSON.stringify(choice.from)} (all, now, date, item)`);
  }
}

/** Is this item newer than the state? */
export function isNew(trigger, state, type) {
  if (type === 'date') {
    if (state.lastDate === null || state.lastDate === undefined) return true;
    const d = time(trigger.date, `item ${trigger.id}`), last = time(state.lastDate, 'the state');
    if (d !== last) return d > last;
    return state.lastID === null || state.lastID === undefined ? false : compareIds(trigger.id, state.lastID) > 0;
  }
  if (state.lastID === null || state.lastID === undefined) return !state.prime;
  return compareIds(trigger.id, state.lastID) > 0;
}

/** Sorts entries oldest first: by date then id for date triggers, by id otherwise. */
export function sortAscending(entries, type) {
  return [...entries].sort((a, b) => {
    if (type === 'date') {
      const d = time(a.trigger.date, `item ${a.trigger.id}`) - time(b.trigger.date, `item ${b.trigger.id}`);
      if (d !== 0) return d;
    }
    return compareIds(a.trigger.id, b.trigger.id);
  });
}

/**
 * From the entries one poll collected, the ones to emit and the next state.
 * An id trigger polled "from now on" emits nothing the first time and remembers the newest id.
 */
export function selectNew(entries, state, { type, limit }) {
  for (const e of entries) {
    if (!e.trigger || e.trigger.id === undefined || e.trigger.id === null || e.trigger.id === '') {
      throw new MakeError('DataError', 'missing_trigger_id', 'response.trigger.id gave no id for an item');
    }
  }
  const sorted = sortAscending(entries, type);
  const seen = new Set();
  const fresh = [];
  for (const e of sorted) {
    const key = String(e.trigger.id);
    if (seen.has(key)) continue; // an item that moved between pages while paging
    seen.add(key);
    if (isNew(e.trigger, state, type)) fresh.push(e);
  }
  if (type === 'id' && state.prime && (state.lastID === null || state.lastID === undefined)) {
    const newest = sorted[sorted.length - 1];
    return { emit: [], state: { lastID: newest ? newest.trigger.id : null, lastDate: state.lastDate ?? null } };
  }
  const emit = limit !== undefined && limit !== null ? fresh.slice(0, limit) : fresh;
  const lastEmitted = emit[emit.length - 1];
  const next = lastEmitted
    ? { lastID: lastEmitted.trigger.id, lastDate: type === 'date' ? new Date(time(lastEmitted.trigger.date, 'the last item')).toISOString() : state.lastDate ?? null }
    : { lastID: state.lastID ?? null, lastDate: state.lastDate ?? null };
  return { emit, state: next };
}
