// Renders an action's form from its Make parameter specs (the catalogue's `fields`) and
// keeps the mapper that the form stands for. Each leaf is a constant or an IML template;
// selects and booleans switch to a template box with "Map", as in Make's own editor.
// Every leaf input carries `data-path` in the params' path form (`items[0].unitPrice`),
// which is the form of the core's issue paths, so an issue lands at its field.
import { t, label } from './i18n.js';

const TEXT_TYPES = new Set(['text', 'email', 'url', 'number', 'integer', 'uinteger', 'date', 'any', 'password', 'filename', 'path', 'timestamp', 'color', 'hidden']);
const isTemplate = (v) => typeof v === 'string' && v.includes('{{');
let uid = 0;
const nextId = () => `f${++uid}`;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

const joinPath = (base, key) => (base ? `${base}.${key}` : key);

/** The item spec of an array field: an array of fields (a collection per item) or one field. */
function itemSpec(field) {
  if (Array.isArray(field.spec)) return { type: 'collection', name: '', spec: field.spec };
  if (field.spec && typeof field.spec === 'object') return { ...field.spec, name: '' };
  return { type: 'text', name: '' };
}

export class ActionForm {
  constructor(container, onChange) {
    this.container = container;
    this.onChange = onChange;
    this.lastTemplateInput = null;
    container.addEventListener('focusin', (e) => {
      if (e.target.matches('input[data-path], textarea[data-path]')) this.lastTemplateInput = e.target;
    });
  }

  render(fields, mapper = {}) {
    this.fields = fields;
    this.mapper = structuredClone(mapper);
    this.container.replaceChildren(...fields.map((f) => this.renderField(f, '', this.mapper)));
  }

  changed() {
    this.onChange?.(this.collect());
  }

  /** The mapper as Make stores it: empty leaves left out, nested objects and arrays kept. */
  collect() {
    return prune(this.mapper) ?? {};
  }

  renderField(field, base, holder) {
    const path = joinPath(base, field.name);
    if (field.type === 'collection') return this.renderCollection(field, path, holder);
    if (field.type === 'array') return this.renderArray(field, path, holder);
    return this.renderLeaf(field, path, holder, field.name);
  }

  renderCollection(field, path, holder) {
    if (field.name && (typeof holder[field.name] !== 'object' || holder[field.name] === null)) holder[field.name] = {};
    const own = field.name ? holder[field.name] : holder;
    const set = el('fieldset', { dataset: { group: path } }, el('legend', { text: label(field.label) || field.name }));
    if (field.help) set.append(el('p', { class: 'muted', text: label(field.help) }));
    for (const sub of field.spec || []) set.append(this.renderField(sub, path, own));
    set.append(el('p', { class: 'field-error', dir: 'auto', dataset: { errorFor: path } }));
    return set;
  }

  renderArray(field, path, holder) {
    if (!Array.isArray(holder[field.name])) holder[field.name] = [];
    const items = holder[field.name];
    const spec = itemSpec(field);
    const list = el('div');
    const set = el('fieldset', { dataset: { group: path } }, el('legend', { text: `${label(field.label) || field.name}${field.required ? ' *' : ''}` }));
    if (field.help) set.append(el('p', { class: 'muted', text: label(field.help) }));
    const draw = () => {
      list.replaceChildren(...items.map((_, i) => {
        const itemPath = `${path}[${i}]`;
        const box = el('fieldset', { class: 'array-item' }, el('legend', { text: `${label(field.label) || field.name} ${i + 1}` }));
        if (spec.type === 'collection') {
          if (typeof items[i] !== 'object' || items[i] === null) items[i] = {};
          for (const sub of spec.spec) box.append(this.renderField(sub, itemPath, items[i]));
        } else {
          box.append(this.renderLeaf({ ...spec, label: spec.label || field.label }, itemPath, items, i));
        }
        box.append(el('button', {
          type: 'button', class: 'secondary', text: t('removeItem'),
          'aria-label': `${t('removeItem')} ${label(field.label)} ${i + 1}`,
          onclick: () => { items.splice(i, 1); draw(); this.changed(); },
        }));
        return box;
      }));
    };
    draw();
    set.append(list, el('button', {
      type: 'button', class: 'secondary', text: `${t('addItem')}: ${label(field.label) || field.name}`,
      onclick: () => {
        items.push(spec.type === 'collection' ? {} : '');
        draw();
        this.changed();
        list.lastElementChild?.querySelector('input, select, textarea')?.focus();
      },
    }), el('p', { class: 'field-error', dir: 'auto', dataset: { errorFor: path } }));
    return set;
  }

  renderLeaf(field, path, holder, key) {
    const id = nextId();
    const wrap = el('div', { class: 'field' });
    const errId = `${id}-err`;
    const helpId = field.help ? `${id}-help` : undefined;
    const head = el('div', { class: 'field-head' },
      el('label', { for: id, text: label(field.label) || field.name },
        field.required ? el('span', { class: 'req', text: ` (${t('required')})` }) : null));
    const hasChoices = field.type === 'boolean' || (field.type === 'select' && Array.isArray(field.options));
    let mapped = !hasChoices || isTemplate(holder[key]);

    const options = field.type === 'boolean'
      ? [{ value: true, label: { he: 'כן', en: 'Yes' } }, { value: false, label: { he: 'לא', en: 'No' } }]
      : field.options || [];
    const slot = el('div');
    // Make's nested parameters: fields that belong to one option (e.g. a payment method's
    // details) appear beside the select, in the same object, once that option is chosen
    const nestedBox = el('div', { class: 'nested' });
    const drawNested = () => {
      const chosen = options.find((o) => o.value === holder[key]);
      const nested = chosen?.nested || [];
      for (const o of options) {
        if (o === chosen) continue;
        for (const f of o.nested || []) if (!nested.some((n) => n.name === f.name)) delete holder[f.name];
      }
      const base = path.includes('.') || path.includes('[') ? path.slice(0, path.length - String(key).length).replace(/\.$/, '') : '';
      nestedBox.replaceChildren(...nested.map((f) => this.renderField(f, base, holder)));
    };
    const describedBy = [helpId, errId].filter(Boolean).join(' ');
    const draw = () => {
      let control;
      const extras = [];
      if (mapped) {
        const multiline = field.multiline || field.type === 'any';
        control = el(multiline ? 'textarea' : 'input', {
          id, dir: 'auto', 'aria-describedby': describedBy, dataset: { path },
          ...(multiline ? {} : { type: 'text' }),
          ...(field.type === 'number' || field.type === 'integer' || field.type === 'uinteger' ? { inputmode: 'decimal' } : {}),
          'aria-required': field.required ? 'true' : undefined,
        });
        const v = holder[key];
        control.value = v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
        control.addEventListener('input', () => {
          holder[key] = control.value;
          this.changed();
        });
        if (field.dynamicOptions) extras.push(this.offerChoices(control, field.dynamicOptions, holder, `${id}-choices`));
      } else {
        control = el('select', { id, 'aria-describedby': describedBy, dataset: { path }, 'aria-required': field.required ? 'true' : undefined });
        // an unset field is left out of the mapper, so SUMIT's own default applies: the
        // empty choice says which default that is rather than filling it in
        const fallback = options.find((o) => o.value === field.default);
        control.append(el('option', { value: '', text: fallback ? `${t('defaultIs')}: ${label(fallback.label)}` : t('choose') }));
        // the option's value attribute is its JSON, so that numbers, booleans and names survive
        for (const o of options) control.append(el('option', { value: JSON.stringify(o.value), text: label(o.label) || String(o.value) }));
        const current = options.find((o) => o.value === holder[key] || String(o.value) === String(holder[key]));
        control.value = current ? JSON.stringify(current.value) : '';
        control.addEventListener('change', () => {
          holder[key] = control.value === '' ? undefined : JSON.parse(control.value);
          drawNested();
          this.changed();
        });
      }
      slot.replaceChildren(control, ...extras);
      return control;
    };
    draw();
    if (hasChoices) {
      const toggle = el('input', { type: 'checkbox', id: `${id}-map` });
      toggle.checked = mapped;
      toggle.addEventListener('change', () => {
        mapped = toggle.checked;
        if (!mapped && isTemplate(holder[key])) holder[key] = undefined;
        draw().focus();
        this.changed();
      });
      head.append(el('span', { class: 'field-tools' }, toggle, el('label', { for: `${id}-map`, text: t('mapAsExpression') })));
    }
    drawNested();
    wrap.append(head, slot, nestedBox);
    if (field.help) wrap.append(el('small', { id: helpId, class: 'muted', text: label(field.help) }));
    wrap.append(el('p', { id: errId, class: 'field-error', dir: 'auto', dataset: { errorFor: path } }));
    return wrap;
  }

  /**
   * Options that come from the API (the catalogue's `dynamicOptions`, e.g. folders or
   * mailing lists) are offered through a datalist, so the field stays a text box that can
   * also hold a mapping. They are read when the field gets focus, with the current values
   * of the fields they depend on (a view's folder).
   */
  offerChoices(input, dyn, holder, listId) {
    const list = el('datalist', { id: listId });
    input.setAttribute('list', listId);
    input.addEventListener('focus', async () => {
      if (!this.optionsLoader) return;
      const params = {};
      for (const [param, sibling] of dyn.dependsOn || []) {
        const v = holder[sibling];
        if (v === undefined || v === '' || isTemplate(v)) return;
        params[param] = v;
      }
      try {
        const items = await this.optionsLoader(dyn, params);
        list.replaceChildren(...items.map((o) => el('option', { value: String(o.value), label: o.label })));
      } catch { /* the box still takes any value */ }
    });
    return list;
  }

  /** Inserts text at the caret of the template box focused last (or the first one). */
  insert(text) {
    let input = this.lastTemplateInput;
    if (!input || !input.isConnected) input = this.container.querySelector('input[data-path], textarea[data-path]');
    if (!input) return false;
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    input.value = input.value.slice(0, start) + text + input.value.slice(end);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.focus();
    input.setSelectionRange(start + text.length, start + text.length);
    return true;
  }

  /** Shows each issue at the field of its path (or the nearest group), returns those placed. */
  showIssues(issues) {
    for (const p of this.container.querySelectorAll('.field-error')) p.textContent = '';
    for (const c of this.container.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
    const unplaced = [];
    for (const issue of issues) {
      const target = this.findError(issue.path);
      if (!target) { unplaced.push(issue); continue; }
      target.textContent = target.textContent ? `${target.textContent}; ${issue.message}` : issue.message;
      const control = this.container.querySelector(`[data-path="${CSS.escape(issue.path)}"]`);
      control?.setAttribute('aria-invalid', 'true');
    }
    return unplaced;
  }

  findError(path) {
    let p = path || '';
    while (p) {
      const hit = this.container.querySelector(`[data-error-for="${CSS.escape(p)}"]`);
      if (hit) return hit;
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) break;
      p = p.slice(0, cut);
    }
    return null;
  }
}

/** Drops empty strings, undefined and empty containers, as Make leaves unset fields out. */
export function prune(value) {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) {
    const out = value.map(prune).filter((v) => v !== undefined);
    return out.length ? out : undefined;
  }
  if (typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}
