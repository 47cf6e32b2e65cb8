// The sandbox's storage: one SQLite database (a file for `npm start`, ':memory:' for tests)
// through better-sqlite3, which is synchronous, so a request handler is one transaction with
// no interleaving. CRM property values are kept as JSON text, exactly as they are answered.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS id_sequence (one INTEGER PRIMARY KEY CHECK (one = 1), next INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS companies (
  id INTEGER PRIMARY KEY, api_key TEXT NOT NULL, details TEXT NOT NULL,
  next_id INTEGER NOT NULL DEFAULT 0, sms_quota INTEGER NOT NULL DEFAULT 1000);
CREATE TABLE IF NOT EXISTS folders (
  id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
  name_property TEXT);
CREATE TABLE IF NOT EXISTS properties (
  id INTEGER PRIMARY KEY, folder_id INTEGER NOT NULL, name TEXT NOT NULL, api_name TEXT NOT NULL,
  description TEXT, category TEXT, value_type TEXT NOT NULL, required INTEGER NOT NULL DEFAULT 0,
  target_folder_id INTEGER, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS views (
  id INTEGER PRIMARY KEY, folder_id INTEGER NOT NULL, name TEXT NOT NULL,
  filters TEXT NOT NULL, columns TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entities (
  id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, folder_id INTEGER NOT NULL,
  status INTEGER NOT NULL DEFAULT 0, props TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entities_folder ON entities (folder_id, status, id);
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, type INTEGER NOT NULL, number INTEGER,
  customer_id INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_number ON documents (company_id, type, number);
CREATE TABLE IF NOT EXISTS document_counters (
  company_id INTEGER NOT NULL, type INTEGER NOT NULL, next INTEGER NOT NULL, PRIMARY KEY (company_id, type));
CREATE TABLE IF NOT EXISTS income_items (
  id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, name TEXT NOT NULL, description TEXT,
  price TEXT, cost TEXT, currency INTEGER NOT NULL DEFAULT 0, sku TEXT, external_identifier TEXT);
CREATE TABLE IF NOT EXISTS outbox_emails (
  id INTEGER PRIMARY KEY AUTOINCREMENT, company_id INTEGER NOT NULL, to_address TEXT NOT NULL,
  document_id INTEGER, original INTEGER, payment_request INTEGER, language INTEGER,
  personal_message TEXT, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sms_messages (
  id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, sender TEXT, recipients TEXT NOT NULL,
  text TEXT NOT NULL, draft INTEGER NOT NULL, schedule TEXT, segments INTEGER NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sms_senders (
  company_id INTEGER NOT NULL, number TEXT NOT NULL, verified INTEGER NOT NULL, PRIMARY KEY (company_id, number));
CREATE TABLE IF NOT EXISTS mailing_lists (
  id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mailing_list_members (
  list_id INTEGER NOT NULL, address TEXT NOT NULL, name TEXT, added_at TEXT NOT NULL, PRIMARY KEY (list_id, address));
CREATE TABLE IF NOT EXISTS subscriptions (
  id INTEGER PRIMARY KEY AUTOINCREMENT, company_id INTEGER NOT NULL, url TEXT NOT NULL,
  folder_id INTEGER NOT NULL, view_id INTEGER NOT NULL, trigger_type TEXT NOT NULL,
  encoding TEXT NOT NULL, failures INTEGER NOT NULL DEFAULT 0, paused INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT, subscription_id INTEGER NOT NULL, payload TEXT NOT NULL,
  state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_status INTEGER, last_error TEXT,
  encoding TEXT, created_at TEXT NOT NULL, next_attempt_at INTEGER, delivered_at TEXT);
CREATE INDEX IF NOT EXISTS deliveries_state ON deliveries (state, next_attempt_at);
`;

export function openDatabase(path = ':memory:') {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  // handlers prepare their SQL where they use it; preparing is costly, so each text is
  // prepared once (the statements are only used with run/get/all, never left iterating)
  const statements = new Map();
  const prepare = db.prepare.bind(db);
  db.prepare = (sql) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = prepare(sql)));
    return s;
  };
  return db;
}

export const FIRST_ID = 2375133701;

/** Bumped when the seeded data changes shape, so that an old database file is noticed. */
export const DATA_VERSION = 2;

export function dataVersion(db) {
  return Number(db.prepare("SELECT value FROM meta WHERE key = 'data_version'").get()?.value ?? 1);
}

export function setDataVersion(db) {
  db.prepare("INSERT INTO meta (key, value) VALUES ('data_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(DATA_VERSION));
}

/**
 * The next id for a folder, property, view, card or message. SUMIT's ids are int64 values
 * around 2.4 billion (e.g. 2375135516), unique across companies, so one company's ids never
 * name another's records. They stay far below 2^53, so JSON.parse in Node and the browser
 * keeps them exact. Steps vary a little so that nobody mistakes them for a dense counter.
 */
function firstFree(db) {
  const tables = ['folders', 'properties', 'views', 'entities', 'income_items', 'sms_messages', 'mailing_lists'];
  const max = Math.max(...tables.map((t) => db.prepare(`SELECT MAX(id) AS m FROM ${t}`).get().m || 0));
  return Math.max(FIRST_ID, max + 1);
}

export function nextId(db) {
  const row = db.prepare('SELECT next FROM id_sequence WHERE one = 1').get();
  const id = row ? row.next : firstFree(db);
  db.prepare('INSERT INTO id_sequence (one, next) VALUES (1, ?) ON CONFLICT (one) DO UPDATE SET next = excluded.next').run(id + 1 + (id % 7));
  return id;
}
