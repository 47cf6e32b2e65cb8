// CRM storage: folders, their properties and views, and entities (cards). Cards are stored
// with property values as arrays keyed by APIName; references are stored as the target's id
// and answered as {ID, Name, SchemaID}, the way SUMIT answers them. Every change is reported
// to `onChange(kind, before, after)` so that triggers can fire.
import { ApiError } from '../lib/messages.mjs';
import { israelDateTime, parseDate } from '../lib/dates.mjs';
import { nextId } from './db.mjs';
import { coerceValue } from './values.mjs';
import { filterPredicate, orderComparator } from './filters.mjs';

export const STATUS = { active: 0, archived: 1, deleted: 2 };

const parseRow = (row) => row && { ...row, props: JSON.parse(row.props) };

function freezeRow(row) {
  for (const v of Object.values(row.props)) Object.freeze(v);
  Object.freeze(row.props);
  return Object.freeze(row);
}

export class Crm {
  constructor(db, onChange = () => {}) {
    this.db = db;
    this.onChange = onChange;
    this.propertyCache = new Map();
    // The active cards of each folder listed so far, parsed once and kept in step with every
    // write below, so that a listing (a search before each create, in a soak) does not
    // re-read and re-parse the whole folder. Rows are frozen: they are shared.
    this.listings = new Map();
    this.q = {
      folderById: db.prepare('SELECT * FROM folders WHERE company_id = ? AND id = ?'),
      folders: db.prepare('SELECT * FROM folders WHERE company_id = ? ORDER BY id'),
      folderByKind: db.prepare('SELECT * FROM folders WHERE company_id = ? AND kind = ? ORDER BY id LIMIT 1'),
      properties: db.prepare('SELECT * FROM properties WHERE folder_id = ? ORDER BY position, id'),
      views: db.prepare('SELECT * FROM views WHERE folder_id = ? ORDER BY position, id'),
      view: db.prepare('SELECT * FROM views WHERE id = ?'),
      entity: db.prepare('SELECT * FROM entities WHERE company_id = ? AND id = ?'),
      entitiesOf: db.prepare('SELECT * FROM entities WHERE folder_id = ? AND status = 0 ORDER BY id'),
      insertEntity: db.prepare('INSERT INTO entities (id, company_id, folder_id, status, props, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?)'),
      updateEntity: db.prepare('UPDATE entities SET props = ?, updated_at = ? WHERE id = ?'),
      setStatus: db.prepare('UPDATE entities SET status = ?, updated_at = ? WHERE id = ?'),
    };
  }

  // --- schema -------------------------------------------------------------------------

  createFolder(companyId, { name, kind = 'custom', nameProperty = null }) {
    const id = nextId(this.db, companyId);
    this.db.prepare('INSERT INTO folders (id, company_id, name, kind, name_property) VALUES (?, ?, ?, ?, ?)')
      .run(id, companyId, name, kind, nameProperty);
    return this.q.folderById.get(companyId, id);
  }

  createProperty(companyId, folderId, { name, apiName, valueType, required = false, description = null, category = 'General', targetFolderId = null }) {
    const id = nextId(this.db, companyId);
    this.propertyCache.delete(folderId);
    const position = this.q.properties.all(folderId).length;
    this.db.prepare(`INSERT INTO properties (id, folder_id, name, api_name, description, category, value_type, required, target_folder_id, position)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, folderId, name, apiName, description, category, valueType, required ? 1 : 0, targetFolderId, position);
    return id;
  }

  createView(companyId, folderId, { name, filters = [], columns }) {
    const id = nextId(this.db, companyId);
    const position = this.q.views.all(folderId).length;
    this.db.prepare('INSERT INTO views (id, folder_id, name, filters, columns, position) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, folderId, name, JSON.stringify(filters), JSON.stringify(columns), position);
    return id;
  }

  folders(companyId) {
    return this.q.folders.all(companyId);
  }

  folderOfKind(companyId, kind) {
    return this.q.folderByKind.get(companyId, kind);
  }

  /** A folder by "name or id" as SUMIT's requests give it (a string); null when unknown. */
  findFolder(companyId, ref) {
    const text = String(ref ?? '').trim();
    if (!text) return null;
    if (/^\d+$/.test(text)) {
      const byId = this.q.folderById.get(companyId, Number(text));
      if (byId) return byId;
    }
    const lower = text.toLocaleLowerCase();
    return this.folders(companyId).find((f) => f.name.toLocaleLowerCase() === lower) || null;
  }

  requireFolder(companyId, ref) {
    if (ref === null || ref === undefined || String(ref).trim() === '') throw new ApiError('folder_required');
    const folder = this.findFolder(companyId, ref);
    if (!folder) throw new ApiError('folder_not_found', { folder: String(ref) });
    return folder;
  }

  /** A folder's properties; cached, since schemas change only when a company is created. */
  properties(folderId) {
    let list = this.propertyCache.get(folderId);
    if (!list) this.propertyCache.set(folderId, (list = this.q.properties.all(folderId)));
    return list;
  }

  /** A property of a folder by APIName, display name or numeric id. */
  findProperty(folder, key) {
    const text = String(key ?? '').trim();
    const props = this.properties(folder.id);
    return props.find((p) => p.api_name === text)
      || props.find((p) => p.name === text)
      || (/^\d+$/.test(text) ? props.find((p) => p.id === Number(text)) : undefined)
      || props.find((p) => p.api_name.toLowerCase() === text.toLowerCase())
      || null;
  }

  requireProperty(folder, key) {
    const p = this.findProperty(folder, key);
    if (!p) throw new ApiError('unknown_property', { property: String(key), folder: folder.name });
    return p;
  }

  views(folderId) {
    return this.q.views.all(folderId).map((v) => ({ ...v, filters: JSON.parse(v.filters), columns: JSON.parse(v.columns) }));
  }

  view(id) {
    const v = this.q.view.get(id);
    return v && { ...v, filters: JSON.parse(v.filters), columns: JSON.parse(v.columns) };
  }

  // --- cards --------------------------------------------------------------------------

  row(companyId, id) {
    return parseRow(this.q.entity.get(companyId, id));
  }

  /** The active cards of a folder, oldest first, from the listing cache. */
  activeRows(folderId) {
    let listing = this.listings.get(folderId);
    if (!listing) {
      listing = new Map();
      for (const r of this.q.entitiesOf.all(folderId)) listing.set(r.id, freezeRow(parseRow(r)));
      this.listings.set(folderId, listing);
    }
    return listing.values();
  }

  /** Keeps the listing cache in step with a card just written (no-op for an unlisted folder). */
  relist(row) {
    const listing = this.listings.get(row.folder_id);
    if (!listing) return;
    if (row.status === STATUS.active) listing.set(row.id, freezeRow({ ...row, props: structuredClone(row.props) }));
    else listing.delete(row.id);
  }

  /** After a rolled-back transaction: the cache may hold writes that never happened. */
  forgetListings() {
    this.listings.clear();
  }

  /** A card that exists (archived included, deleted not), or a business error. */
  requireEntity(companyId, id) {
    const row = this.row(companyId, id);
    if (!row || row.status === STATUS.deleted) throw new ApiError('entity_not_found', { id });
    return row;
  }

  /** Client properties ({key: value}) as stored props, every value checked against its type. */
  coerceProps(companyId, folder, input) {
    const out = {};
    const lookup = (id) => this.row(companyId, id);
    for (const [key, value] of Object.entries(input || {})) {
      const property = this.requireProperty(folder, key);
      out[property.api_name] = coerceValue(property, value, lookup);
    }
    return out;
  }

  checkRequired(folder, props) {
    for (const p of this.properties(folder.id)) {
      if (p.required && !(props[p.api_name] || []).length) throw new ApiError('required_property', { property: p.api_name });
    }
  }

  create(companyId, folder, input, { raw = false } = {}) {
    const props = raw ? input : this.coerceProps(companyId, folder, input);
    for (const k of Object.keys(props)) if (!props[k].length) delete props[k];
    this.checkRequired(folder, props);
    const id = nextId(this.db, companyId);
    const now = israelDateTime();
    this.q.insertEntity.run(id, companyId, folder.id, JSON.stringify(props), now, now);
    const after = this.row(companyId, id);
    this.relist(after);
    this.onChange('create', null, after);
    return after;
  }

  update(companyId, id, input, { replace = false, raw = false } = {}) {
    const before = this.requireEntity(companyId, id);
    const folder = this.q.folderById.get(companyId, before.folder_id);
    const changes = raw ? input : this.coerceProps(companyId, folder, input);
    const props = replace ? {} : { ...before.props };
    for (const [k, v] of Object.entries(changes)) {
      if (v.length) props[k] = v;
      else delete props[k];
    }
    this.checkRequired(folder, props);
    this.q.updateEntity.run(JSON.stringify(props), israelDateTime(), id);
    const after = this.row(companyId, id);
    this.relist(after);
    this.onChange('update', before, after);
    return after;
  }

  setStatus(companyId, id, status) {
    const before = this.requireEntity(companyId, id);
    if (before.status === status) return before;
    this.q.setStatus.run(status, israelDateTime(), id);
    const after = this.row(companyId, id);
    this.relist(after);
    this.onChange(status === STATUS.deleted ? 'delete' : 'archive', before, after);
    return after;
  }

  /** The display name of a card, for references ({ID, Name, SchemaID}). */
  nameOf(row) {
    const folder = this.q.folderById.get(row.company_id, row.folder_id);
    const key = folder?.name_property;
    const v = key ? (row.props[key] || [])[0] : undefined;
    return v === undefined ? String(row.id) : String(v);
  }

  reference(companyId, id) {
    const target = this.row(companyId, id);
    if (!target) return { ID: id, Name: null, SchemaID: null };
    return { ID: id, Name: this.nameOf(target), SchemaID: target.folder_id };
  }

  /** Stored props in SUMIT's answer form: arrays, references resolved. `only` picks columns. */
  answerProps(companyId, folder, props, only = null) {
    const types = new Map(this.properties(folder.id).map((p) => [p.api_name, p.value_type]));
    const out = {};
    for (const key of only || Object.keys(props)) {
      const values = props[key];
      if (!values) continue;
      out[key] = types.get(key) === 'Entity' ? values.map((id) => this.reference(companyId, id)) : values;
    }
    return out;
  }

  /** A card as SUMIT answers it: {ID, Folder, ...properties flattened, every value an array}. */
  answer(row, { withProperties = true } = {}) {
    const base = { ID: row.id, Folder: String(row.folder_id) };
    if (!withProperties) return base;
    const folder = this.q.folderById.get(row.company_id, row.folder_id);
    return { ...base, ...this.answerProps(row.company_id, folder, row.props) };
  }

  /** A predicate for SUMIT filters on a folder; an unknown property is a business error. */
  predicate(folder, filters) {
    const tests = (filters || []).map((f, i) => {
      if (!f || f.Property === null || f.Property === undefined || f.Property === '') {
        throw new ApiError('invalid_field', { field: `Filters[${i}].Property`, detail: 'required' });
      }
      for (const k of ['DateRange_From', 'DateRange_To']) {
        if (f[k] && !parseDate(f[k])) throw new ApiError('invalid_field', { field: `Filters[${i}].${k}`, detail: 'not a date' });
      }
      return filterPredicate(f, this.requireProperty(folder, f.Property), (id) => {
        const target = this.row(folder.company_id, id);
        return target ? this.nameOf(target) : null;
      });
    });
    return (props) => tests.every((t) => t(props));
  }

  /** Whether a card is in a view (the view's saved filters hold for it). */
  inView(view, row) {
    const folder = this.q.folderById.get(row.company_id, view.folder_id);
    if (!folder || row.folder_id !== view.folder_id) return false;
    return this.predicate(folder, view.filters)(row.props);
  }

  list(companyId, folder, { filters, order, start = 0, size = 10 }) {
    const test = this.predicate(folder, filters);
    const orderProperty = order?.Property ? this.requireProperty(folder, order.Property) : null;
    const rows = [];
    for (const r of this.activeRows(folder.id)) if (test(r.props)) rows.push(r);
    const names = (id) => {
      const t = this.row(companyId, id);
      return t ? this.nameOf(t) : null;
    };
    rows.sort(orderComparator(order, orderProperty, names));
    return { rows: rows.slice(start, start + size), hasNext: rows.length > start + size, total: rows.length };
  }
}
