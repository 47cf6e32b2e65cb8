// Turns a client's property value into what the CRM stores: always an array (SUMIT answers
// every property as an array), each element of the property's type. A wrong value is a
// business error that names the property, as SUMIT refuses it.
import { ApiError } from '../lib/messages.mjs';
import { israelDateTime, israelMidnight, parseDate } from '../lib/dates.mjs';

export const VALUE_TYPES = ['Text', 'Number', 'Date', 'Boolean', 'Enum', 'Entity'];

const EXPECTED = {
  Text: { he: 'טקסט', en: 'text' },
  Number: { he: 'מספר', en: 'a number' },
  Date: { he: 'תאריך', en: 'a date (YYYY-MM-DD or ISO-8601)' },
  Boolean: { he: 'כן/לא', en: 'true or false' },
  Enum: { he: 'קוד מספרי', en: 'an integer code' },
  Entity: { he: 'מזהה כרטיס', en: 'an entity ID' },
};

function bad(property) {
  return new ApiError('invalid_property_value', { property: property.api_name, expected: EXPECTED[property.value_type] });
}

function one(property, value, lookupEntity) {
  switch (property.value_type) {
    case 'Text':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw bad(property);
    case 'Number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw bad(property);
      return n;
    }
    case 'Date': {
      const d = parseDate(value);
      if (!d) throw bad(property);
      return /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? israelMidnight(value.trim()) : israelDateTime(d);
    }
    case 'Boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw bad(property);
    case 'Enum': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
      if (!Number.isSafeInteger(n)) throw bad(property);
      return n;
    }
    case 'Entity': {
      const raw = value && typeof value === 'object' && !Array.isArray(value) ? value.ID : value;
      const id = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
      if (!Number.isSafeInteger(id) || id <= 0) throw bad(property);
      const target = lookupEntity(id);
      if (!target || target.status === 2 || (property.target_folder_id && target.folder_id !== property.target_folder_id)) {
        throw new ApiError('reference_not_found', { property: property.api_name, id });
      }
      return id;
    }
    default:
      throw bad(property);
  }
}

/** The stored array for a value the client sent (a scalar or an array); [] clears it. */
export function coerceValue(property, value, lookupEntity) {
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v) => v !== null && v !== undefined && v !== '').map((v) => one(property, v, lookupEntity));
}
