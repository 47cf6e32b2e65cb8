// Lists the sample card's values as the trigger will deliver them (`fields` of
// normalizeWebhook) and inserts the IML reference of the one picked, e.g.
// {{1.Customers_FullName}} or {{1.`Property_M-5`}}: keys that are not plain
// identifiers go in backticks, as Make writes them.

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function imlKey(key) {
  return PLAIN_KEY.test(key) ? key : `\`${key.replace(/`/g, '\\`')}\``;
}

/** Every mappable leaf of `fields` as `{ref, value}`; references expose id and name. */
export function mappableEntries(fields, moduleId = '1') {
  const out = [];
  const walk = (value, ref, depth) => {
    if (depth > 4) return;
    if (Array.isArray(value)) {
      out.push({ ref, value });
      return;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, `${ref}.${imlKey(k)}`, depth + 1);
      return;
    }
    out.push({ ref, value });
  };
  for (const [k, v] of Object.entries(fields || {})) walk(v, `${moduleId}.${imlKey(k)}`, 0);
  return out;
}

function preview(value) {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export function renderPicker(list, fields, onPick) {
  const entries = mappableEntries(fields);
  list.replaceChildren(...entries.map(({ ref, value }) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    const code = document.createElement('code');
    code.textContent = `{{${ref}}}`;
    const val = document.createElement('span');
    val.className = 'value';
    val.dir = 'auto';
    val.textContent = preview(value);
    button.append(code, val);
    button.setAttribute('aria-label', `{{${ref}}} = ${preview(value)}`);
    // keep the caret of the field being edited: a mouse press would move focus first
    button.addEventListener('mousedown', (e) => e.preventDefault());
    button.addEventListener('click', () => onPick(`{{${ref}}}`));
    li.append(button);
    return li;
  }));
  return entries.length;
}
