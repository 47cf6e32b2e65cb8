// The editor's *.iml.json files are JSON with comments (Make's own examples carry `//` notes),
// and hand-edited files keep trailing commas. Both are removed here, outside strings, before
// JSON.parse; a syntax error names the file and the line.
import { MakeError } from './errors.mjs';

export function stripJsonComments(text) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const block = text.slice(i, end < 0 ? text.length : end + 2);
      out += block.replace(/[^\n]/g, ' '); // keep line numbers right for error messages
      i = end < 0 ? text.length : end + 2;
    } else if (c === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] === '}' || text[j] === ']') { i++; continue; }
      out += c;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export function parseJsonc(text, file) {
  const clean = stripJsonComments(text.replace(/^\uFEFF/, ''));
  if (!clean.trim()) return null;
  try {
    return JSON.parse(clean);
  } catch (e) {
    const at = /position (\d+)/.exec(e.message);
    const line = at ? clean.slice(0, Number(at[1])).split('\n').length : null;
    throw new MakeError('InvalidConfigurationError', 'app_invalid',
      `${file}${line ? `:${line}` : ''}: not valid JSON (${e.message})`, { path: file });
  }
}
