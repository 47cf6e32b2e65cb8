// The mapping file format, downloads and uploads. A mapping file holds the trigger choice,
// the action and its mapper (scenario-dialect IML), and never a connection or key.

export const MAPPING_FORMAT = 'officeguy-make/mapping';

export function mappingDocument(trigger, action, mapper) {
  return { format: MAPPING_FORMAT, version: 1, trigger: { ...trigger }, action, mapper };
}

export function parseMappingDocument(text) {
  const doc = JSON.parse(text);
  if (!doc || doc.format !== MAPPING_FORMAT) throw new Error(`not an officeguy-make mapping file (format must be ${MAPPING_FORMAT})`);
  if (typeof doc.action !== 'string') throw new Error('the mapping file names no action');
  if (doc.mapper !== undefined && (typeof doc.mapper !== 'object' || Array.isArray(doc.mapper))) throw new Error('mapper must be an object');
  return { trigger: doc.trigger ?? {}, action: doc.action, mapper: doc.mapper ?? {} };
}

export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function readFileText(file) {
  return file.text();
}
