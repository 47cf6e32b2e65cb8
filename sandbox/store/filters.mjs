// SUMIT's listing semantics, used both by /crm/data/listentities/ and by views (a view is a
// saved filter on a folder; a trigger fires for the cards its view holds):
// - Filter {Property, Value, DateRange_From, DateRange_To, Negative}: Property is an APIName,
//   a display name or a numeric property id; Value is a scalar or an array (any of); the date
//   range is inclusive; a reference matches its card's id or name; Negative excludes what
//   the filter would match. Filters are ANDed. A filter with neither Value nor a range
//   matches cards where the property is empty.
// - Order {Property, Descending}; without it, cards come oldest first (by ID).
import { parseDate, israelDay } from '../lib/dates.mjs';

const TYPED = new Set(['Number', 'Enum', 'Boolean', 'Entity', 'Date']);
const normText = (v) => String(v).trim().toLocaleLowerCase();

function sameValue(type, stored, wanted, nameOf) {
  if (wanted === null || wanted === undefined) return false;
  switch (type) {
    case 'Number':
    case 'Enum':
      return Number(stored) === Number(wanted);
    case 'Boolean':
      return stored === (wanted === true || wanted === 'true');
    case 'Entity': {
      const id = wanted && typeof wanted === 'object' ? wanted.ID : wanted;
      // a reference matches its card's id, or its card's name given as text
      if (typeof id === 'string' && !/^\s*\d+\s*$/.test(id)) {
        return String(nameOf(stored) ?? '').trim().toLocaleLowerCase() === id.trim().toLocaleLowerCase();
      }
      return Number(stored) === Number(id);
    }
    case 'Date': {
      const w = typeof wanted === 'string' ? wanted.trim() : '';
      if (/^\d{4}-\d{2}-\d{2}$/.test(w)) return israelDay(parseDate(stored)) === w;
      const a = parseDate(stored), b = parseDate(w);
      return !!a && !!b && a.getTime() === b.getTime();
    }
    default:
      return String(stored).trim().toLocaleLowerCase() === String(wanted).trim().toLocaleLowerCase();
  }
}

function inRange(stored, from, to) {
  const t = parseDate(typeof stored === 'string' ? stored : '')?.getTime();
  if (t === undefined) return false;
  // a bare "to" date includes its whole day
  const end = to && /^\d{4}-\d{2}-\d{2}$/.test(to.trim()) ? parseDate(to).getTime() + 86399999 : parseDate(to)?.getTime();
  return (!from || t >= parseDate(from)?.getTime()) && (!to || t <= end);
}

/**
 * A predicate over stored props for one filter, its property already resolved. Invalid
 * range dates are reported by the caller before this runs.
 */
export function filterPredicate(filter, property, nameOf = () => null) {
  const api = property.api_name;
  const type = property.value_type;
  const hasValue = filter.Value !== null && filter.Value !== undefined;
  const wanted = hasValue ? (Array.isArray(filter.Value) ? filter.Value : [filter.Value]) : [];
  const from = filter.DateRange_From || null;
  const to = filter.DateRange_To || null;
  // text is compared as sameValue does, with the wanted side normalised once, not per card
  const wantedText = TYPED.has(type) ? null : new Set(wanted.filter((w) => w !== null && w !== undefined).map(normText));
  const test = (props) => {
    const values = props[api] || [];
    if (!hasValue && !from && !to) return values.length === 0;
    const valueOk = !hasValue || (wantedText
      ? values.some((v) => wantedText.has(normText(v)))
      : values.some((v) => wanted.some((w) => sameValue(type, v, w, nameOf))));
    const rangeOk = (!from && !to) || values.some((v) => inRange(v, from, to));
    return valueOk && rangeOk;
  };
  return filter.Negative ? (props) => !test(props) : test;
}

function sortKey(type, value, names) {
  if (value === undefined) return null;
  switch (type) {
    case 'Number': case 'Enum': return Number(value);
    case 'Boolean': return value ? 1 : 0;
    case 'Date': return parseDate(value)?.getTime() ?? null;
    case 'Entity': return names(value) ?? '';
    default: return String(value);
  }
}

/** A comparator of entity rows ({id, props}) for Order, missing values last. */
export function orderComparator(order, property, names) {
  if (!order || !property) return (a, b) => a.id - b.id;
  const sign = order.Descending ? -1 : 1;
  const collator = new Intl.Collator('he', { numeric: true, sensitivity: 'base' });
  return (a, b) => {
    const ka = sortKey(property.value_type, (a.props[property.api_name] || [])[0], names);
    const kb = sortKey(property.value_type, (b.props[property.api_name] || [])[0], names);
    if (ka === null || kb === null) return ka === kb ? a.id - b.id : ka === null ? 1 : -1;
    const c = typeof ka === 'string' ? collator.compare(ka, kb) : ka - kb;
    return c !== 0 ? sign * c : a.id - b.id;
  };
}
