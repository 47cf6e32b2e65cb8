// The configuration page: connect, choose the trigger's folder, view and type, pick a
// sample card, choose an action, map its fields, preview the exact request, run it, and
// export the mapping or a Make blueprint. The core does the work (client, IML, validation,
// request building, blueprint); this file only wires the steps together.
//
// Secrets: the API key lives in `session` (memory) only. Nothing written to storage, the
// URL, an export or the console holds it; previews are built with a masked key.
import * as og from '/pkg/web.js';
import { t, label, getLang, setLang, translateStatic } from './i18n.js';
import { ActionForm } from './form.js';
import { renderPicker } from './picker.js';
import { download, readFileText, mappingDocument, parseMappingDocument } from './files.js';

const $ = (id) => document.getElementById(id);
const MASK = '********';
const STORE_LANG = 'officeguy-make:lang';
const STORE_DRAFT = 'officeguy-make:draft';
const SAMPLE_SCAN = 5000;
const SAMPLE_SHOWN = 20;

const session = { client: null, connection: null, demo: null };
const state = {
  folders: [], views: [], entities: [], sample: null,
  action: null, mapper: {}, params: null, issues: [],
  trigger: { folder: '', view: '', type: 'create' },
};
let catalog;
let form;

function status(text, bad = false) {
  const s = $('status');
  s.textContent = text || '';
  s.classList.toggle('bad', bad);
}

function errorText(e) {
  if (!e) return '';
  const user = e.userMessage && !e.message.includes(e.userMessage) ? ` (${e.userMessage})` : '';
  return `${t('error')}: ${e.message}${user}`;
}

function fill(select, items, { value = (x) => x.value, text = (x) => x.label, placeholder = true } = {}) {
  const opts = items.map((item) => {
    const o = document.createElement('option');
    o.value = String(value(item));
    o.textContent = text(item);
    return o;
  });
  if (placeholder) {
    const p = document.createElement('option');
    p.value = '';
    p.textContent = t('choose');
    opts.unshift(p);
  }
  select.replaceChildren(...opts);
}

// ---- persistence: language and the mapping draft, never the connection ----

function saveDraft() {
  const draft = { trigger: state.trigger, action: state.action?.key, mapper: form.collect() };
  localStorage.setItem(STORE_DRAFT, JSON.stringify(draft));
}

function loadDraft() {
  try {
    return JSON.parse(localStorage.getItem(STORE_DRAFT) || 'null');
  } catch {
    return null;
  }
}

// ---- step 1: connect ----

async function connect(connection) {
  status(t('working'));
  try {
    const client = new og.Client(connection);
    await client.execute('getCompanyDetails', {});
    session.client = client;
    session.choices = new Map();
    form.optionsLoader = (dyn, params) => loadChoices(dyn, params);
    session.connection = { companyId: connection.companyId, baseUrl: connection.baseUrl };
    $('connection-state').textContent = `${t('connected')}: ${connection.companyId}`;
    $('run').disabled = false;
    status('');
    await loadFolders();
  } catch (e) {
    session.client = null;
    $('connection-state').textContent = t('notConnected');
    status(errorText(e), true);
  }
}

function readConnectForm() {
  const companyId = $('company-id').value.trim();
  const apiKey = $('api-key').value;
  const baseUrl = $('base-url').value.trim() || undefined;
  return { companyId, apiKey, baseUrl };
}

async function offerDemo() {
  try {
    const r = await fetch('/demo.json', { cache: 'no-store' });
    if (!r.ok) return;
    session.demo = await r.json();
    $('use-demo').hidden = false;
  } catch { /* no demo outside npm start */ }
}

/** A field's options from the API (`dynamicOptions` of the catalogue), cached per call. */
async function loadChoices(dyn, params) {
  const key = JSON.stringify([dyn.operation, params]);
  if (!session.choices.has(key)) {
    session.choices.set(key, session.client.execute(dyn.operation, params).then((data) => {
      const items = (dyn.list ? data?.[dyn.list] : data) ?? [];
      return items.map((item) => (typeof item === 'object' && item !== null
        ? { value: dyn.value ? item[dyn.value] : item, label: dyn.label ? String(item[dyn.label]) : String(item) }
        : { value: item, label: String(item) }));
    }));
  }
  return session.choices.get(key);
}

// ---- step 2 and 3: trigger and sample ----

function list(data, key) {
  if (Array.isArray(data)) return data;
  return data?.[key] ?? data?.[key.toLowerCase()] ?? [];
}

async function loadFolders() {
  const folders = list(await session.client.listFolders(), 'Folders');
  state.folders = folders;
  fill($('folder'), folders, { value: (f) => f.ID ?? f.id, text: (f) => f.Name ?? f.name });
  $('folder').disabled = false;
  if (state.trigger.folder && folders.some((f) => String(f.ID ?? f.id) === String(state.trigger.folder))) {
    $('folder').value = String(state.trigger.folder);
    await folderChosen();
  }
}

async function folderChosen() {
  state.trigger.folder = $('folder').value;
  saveDraft();
  if (!state.trigger.folder) return;
  try {
    state.views = list(await session.client.listViews(state.trigger.folder), 'Views');
    fill($('view'), state.views, { value: (v) => v.ID ?? v.id, text: (v) => v.Name ?? v.name });
    $('view').disabled = false;
    if (state.views.some((v) => String(v.ID ?? v.id) === String(state.trigger.view))) $('view').value = String(state.trigger.view);
    await loadSamples();
  } catch (e) {
    status(errorText(e), true);
  }
}

async function loadSamples() {
  const folder = state.trigger.folder;
  if (!folder || !session.client) return;
  status(t('working'));
  try {
    // SUMIT lists a folder oldest first and documents no "newest first" order that every
    // folder has, so read up to SAMPLE_SCAN cards and keep the newest by id (ids grow)
    const data = await session.client.listEntities({
      folder, loadProperties: true, paging: { startIndex: 0, pageSize: 1000 }, all: true, maxPages: SAMPLE_SCAN / 1000,
    });
    const entities = list(data, 'Entities');
    state.entities = entities.map((e) => og.normalizeEntity(e))
      .sort((a, b) => (BigInt(b.entityId) > BigInt(a.entityId) ? 1 : -1))
      .slice(0, SAMPLE_SHOWN);
    $('sample-empty').hidden = state.entities.length > 0;
    fill($('sample'), state.entities, { value: (e) => e.entityId, text: (e) => sampleName(e), placeholder: false });
    $('sample').disabled = state.entities.length === 0;
    state.sample = state.entities[0] ?? null;
    status('');
    sampleChosen();
  } catch (e) {
    status(errorText(e), true);
  }
}

function sampleName(entity) {
  const f = entity.fields || {};
  const name = Object.entries(f).find(([k, v]) => /name/i.test(k) && typeof v === 'string')?.[1];
  return name ? `${entity.entityId} · ${name}` : String(entity.entityId);
}

function sampleChosen() {
  const id = $('sample').value;
  state.sample = state.entities.find((e) => String(e.entityId) === id) ?? state.entities[0] ?? null;
  const count = renderPicker($('picker-list'), state.sample?.fields, (ref) => { form.insert(ref); });
  $('picker-empty').hidden = count > 0;
  refresh();
}

// ---- step 4 and 5: action and mapping ----

function actionChosen(mapper = {}) {
  const key = $('action').value;
  state.action = catalog.actions.find((a) => a.key === key) ?? null;
  $('action-help').textContent = state.action ? label(state.action.help) : '';
  form.render(state.action?.fields ?? [], mapper);
  refresh();
}

// ---- step 6: preview ----

function templateIssues(value, path, out) {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return;
    for (const issue of og.checkTemplate(value, { dialect: 'scenario' })) {
      out.push({ path, code: issue.code, message: `${issue.message} ${t('atPosition')} ${issue.offset + 1}: ${marked(value, issue.offset, issue.length)}` });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => templateIssues(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) templateIssues(v, path ? `${path}.${k}` : k, out);
  }
}

/** The template around an error, with the error's place between ⟦ and ⟧. Offsets count
 * UTF-16 units, as JS strings do. */
function marked(text, offset, length) {
  const from = Math.max(0, offset - 20);
  const to = Math.min(text.length, offset + Math.max(length, 0) + 20);
  return `${from > 0 ? '…' : ''}${text.slice(from, offset)}⟦${text.slice(offset, offset + length)}⟧${text.slice(offset + length, to)}${to < text.length ? '…' : ''}`;
}

function refresh() {
  if (!state.action) return;
  const mapper = form.collect();
  state.mapper = mapper;
  saveDraft();
  const issues = [];
  templateIssues(mapper, '', issues);
  let params = null;
  if (!issues.length) {
    try {
      params = og.applyMapping(mapper, { 1: state.sample?.fields ?? {} });
    } catch (e) {
      issues.push(...(e.issues ?? [{ path: e.path ?? '', code: e.code, message: e.message }]));
    }
  }
  let request = null;
  if (params) {
    issues.push(...og.validateParams(state.action.key, params));
    if (!issues.length) {
      try {
        const companyId = session.connection?.companyId || $('company-id').value.trim() || '1';
        request = og.buildRequest(state.action.key, params, { companyId, apiKey: MASK, baseUrl: $('base-url').value.trim() || undefined });
      } catch (e) {
        issues.push(...(e.issues ?? [{ path: '', code: e.code, message: e.message }]));
      }
    }
  }
  state.params = params;
  state.issues = issues;
  $('preview-params').textContent = params ? JSON.stringify(params, null, 2) : '';
  $('preview-request').textContent = request
    ? `${request.method} ${request.url}\n${Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${pretty(request.body)}`
    : '';
  const unplaced = form.showIssues(issues);
  const box = $('issues');
  if (!issues.length) {
    box.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'ok';
    p.textContent = t('valid');
    box.append(p);
  } else {
    const ul = document.createElement('ul');
    ul.className = 'issues';
    for (const i of issues) {
      const li = document.createElement('li');
      li.dir = 'auto';
      li.textContent = `${i.path ? `${i.path}: ` : ''}${i.message}`;
      ul.append(li);
    }
    box.replaceChildren(Object.assign(document.createElement('h3'), { textContent: `${t('problems')} (${issues.length})` }), ul);
  }
  $('run').disabled = !session.client || issues.length > 0;
  return unplaced;
}

function pretty(body) {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return String(body);
  }
}

// ---- step 7: run ----

async function run() {
  if (!session.client || !state.params) return;
  const dialog = $('confirm-run');
  dialog.returnValue = '';
  dialog.showModal();
  const answer = await new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue), { once: true }));
  if (answer !== 'confirm') return;
  const out = $('run-result');
  out.textContent = t('working');
  try {
    const data = await session.client.execute(state.action.key, state.params);
    const pre = document.createElement('pre');
    pre.dir = 'ltr';
    pre.textContent = JSON.stringify(data, null, 2);
    const parts = [Object.assign(document.createElement('h3'), { textContent: t('result') })];
    if (data && data.DocumentDownloadURL) {
      const a = document.createElement('a');
      a.href = data.DocumentDownloadURL;
      a.target = '_blank';
      a.rel = 'noopener';
      a.textContent = `${t('openDocument')} ${data.DocumentNumber ?? ''}`.trim();
      parts.push(a);
    }
    parts.push(pre);
    out.replaceChildren(...parts);
  } catch (e) {
    out.textContent = errorText(e);
  }
}

// ---- step 8: export and import ----

function scenario() {
  return {
    name: `OfficeGuy: ${label(state.action?.label) || ''}`,
    trigger: { module: 'watchCards', parameters: { folder: state.trigger.folder, view: state.trigger.view, type: state.trigger.type } },
    actions: state.action ? [{ module: state.action.key, mapper: form.collect() }] : [],
  };
}

function blueprintText() {
  return JSON.stringify(og.blueprint(scenario(), { appId: 'officeguy', appVersion: 1 }), null, 2);
}

async function importMapping(file) {
  try {
    const doc = parseMappingDocument(await readFileText(file));
    state.trigger = { ...state.trigger, ...doc.trigger };
    $('trigger-type').value = state.trigger.type;
    $('action').value = doc.action;
    actionChosen(doc.mapper);
    if (session.client && doc.trigger.folder) {
      $('folder').value = String(doc.trigger.folder);
      await folderChosen();
    }
    status(t('imported'));
  } catch (e) {
    status(errorText(e), true);
  }
}

// ---- start ----

function renderChrome() {
  translateStatic();
  const types = catalog.triggers.find((tr) => tr.key === 'watchCards')?.fields.find((f) => f.name === 'type')?.options
    ?? ['create', 'update', 'createOrUpdate', 'archive', 'delete'].map((v) => ({ value: v, label: { en: v, he: v } }));
  fill($('trigger-type'), types, { value: (o) => o.value, text: (o) => label(o.label), placeholder: false });
  $('trigger-type').value = state.trigger.type;
  const actions = catalog.actions.filter((a) => !a.group || a.group === 'action');
  fill($('action'), actions, { value: (a) => a.key, text: (a) => label(a.label) });
  if (state.action) $('action').value = state.action.key;
}

async function main() {
  setLang(localStorage.getItem(STORE_LANG) || 'he');
  await og.ready;
  catalog = og.catalog();
  form = new ActionForm($('action-form'), () => refresh());
  renderChrome();

  const draft = loadDraft();
  if (draft) {
    state.trigger = { ...state.trigger, ...draft.trigger };
    $('trigger-type').value = state.trigger.type;
    if (draft.action && catalog.actions.some((a) => a.key === draft.action)) {
      $('action').value = draft.action;
      actionChosen(draft.mapper ?? {});
    }
  }

  $('lang-switch').addEventListener('click', () => {
    setLang(getLang() === 'he' ? 'en' : 'he');
    localStorage.setItem(STORE_LANG, getLang());
    const mapper = form.collect();
    renderChrome();
    if (state.action) actionChosen(mapper);
    if (state.sample) sampleChosen();
  });
  $('connect-form').addEventListener('submit', (e) => {
    e.preventDefault();
    connect(readConnectForm());
  });
  $('use-demo').addEventListener('click', () => {
    const d = session.demo;
    $('company-id').value = d.companyId;
    $('base-url').value = d.sandboxUrl ?? d.url;
    $('api-key').value = d.apiKey;
    connect(readConnectForm());
  });
  $('folder').addEventListener('change', folderChosen);
  $('view').addEventListener('change', () => { state.trigger.view = $('view').value; saveDraft(); });
  $('trigger-type').addEventListener('change', () => { state.trigger.type = $('trigger-type').value; saveDraft(); });
  $('sample').addEventListener('change', sampleChosen);
  $('reload-sample').addEventListener('click', loadSamples);
  $('action').addEventListener('change', () => actionChosen({}));
  $('run').addEventListener('click', run);
  $('export-mapping').addEventListener('click', () => {
    download('officeguy-mapping.json', JSON.stringify(mappingDocument(state.trigger, state.action?.key, form.collect()), null, 2));
  });
  $('export-blueprint').addEventListener('click', () => {
    try { download('officeguy-blueprint.json', blueprintText()); } catch (e) { status(errorText(e), true); }
  });
  $('copy-blueprint').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(blueprintText());
      status(t('copied'));
    } catch (e) { status(errorText(e), true); }
  });
  $('import-mapping').addEventListener('change', (e) => {
    const file = e.target.files?.[0];
    if (file) importMapping(file);
    e.target.value = '';
  });
  await offerDemo();
  document.body.dataset.ready = 'true';
}

main().catch((e) => status(errorText(e), true));
