// Calls of the app's custom IML functions, lifted out of a template so that the core's engine
// (which knows only Make's built-ins and takes no JS callbacks) can still evaluate everything:
// `{{fields(get(body, "Properties"))}}` becomes `{{customcall1}}`, with the argument
// `get(body, "Properties")` evaluated by the engine first, the function run in its vm, and its
// result passed in as the variable `customcall1`. Only call sites are found here (names,
// brackets, quotes); what the expressions mean is always the engine's business.
//
// One difference from Make: a lifted call runs even inside an `if` branch not taken. Custom
// functions are pure, so only an error (or a timeout) in a branch Make would skip shows it.

const IDENT = /[A-Za-z0-9_$]/;

/** The `{{ ... }}` expression spans of a template: [{start, end}] (end at the closing `}}`). */
function expressionSpans(template) {
  const spans = [];
  let i = 0;
  while ((i = template.indexOf('{{', i)) >= 0) {
    const start = i + 2;
    let j = start;
    while (j < template.length && !(template[j] === '}' && template[j + 1] === '}')) {
      j = skipQuoted(template, j);
    }
    spans.push({ start, end: j });
    i = j + 2;
  }
  return spans;
}

/** From an index at a quote, the index after the quoted part; else index + 1. */
function skipQuoted(text, i) {
  const q = text[i];
  if (q !== '"' && q !== "'" && q !== '`') return i + 1;
  let j = i + 1;
  while (j < text.length && text[j] !== q) j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** From the `(` at `open`: the index of its `)` and the arguments [{text, start}]. */
function parseCall(text, open) {
  const args = [];
  let depth = 0;
  let argStart = open + 1;
  let i = open;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') { i = skipQuoted(text, i); continue; }
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') {
      depth--;
      if (depth === 0) {
        const last = text.slice(argStart, i);
        if (last.trim() || args.length) args.push({ text: last, start: argStart });
        return { close: i, args };
      }
    } else if ((c === ',' || c === ';') && depth === 1) {
      args.push({ text: text.slice(argStart, i), start: argStart });
      argStart = i + 1;
    }
    i++;
  }
  return null;
}

/** The first call of one of `names` in an expression: {name, start, end, args}. */
function findCall(expr, names) {
  for (let i = 0; i < expr.length;) {
    const c = expr[i];
    if (c === '"' || c === "'" || c === '`') { i = skipQuoted(expr, i); continue; }
    if (IDENT.test(c) && (i === 0 || !IDENT.test(expr[i - 1])) && expr[i - 1] !== '.') {
      let j = i;
      while (j < expr.length && IDENT.test(expr[j])) j++;
      const name = expr.slice(i, j);
      let k = j;
      while (expr[k] === ' ') k++;
      if (names.has(name) && expr[k] === '(') {
        const call = parseCall(expr, k);
        if (call) return { name, start: i, end: call.close + 1, args: call.args };
      }
      i = j;
      continue;
    }
    i++;
  }
  return null;
}

/** A call of `names` whose arguments call none of them, with offsets into `text`. */
function innermost(text, names) {
  const call = findCall(text, names);
  if (!call) return null;
  for (const arg of call.args) {
    const inner = innermost(arg.text, names);
    if (inner) {
      const shift = (x) => x + arg.start;
      return { ...inner, start: shift(inner.start), end: shift(inner.end), args: inner.args.map((a) => ({ ...a, start: shift(a.start) })) };
    }
  }
  return call;
}

/** True when the template may call one of `names` (a cheap pre-check). */
export function mentionsCustom(template, names) {
  for (const n of names) if (template.includes(n)) return true;
  return false;
}

/**
 * Evaluates `template` with the custom calls lifted. `evaluate(template, context)` is the
 * engine; `functions` maps names to JS functions.
 */
export function evaluateWithCustomCalls(template, context, functions, evaluate) {
  const names = new Set(Object.keys(functions));
  const ctx = { ...context };
  let counter = 0;
  let text = template;
  for (;;) {
    let found = null;
    for (const span of expressionSpans(text)) {
      const call = innermost(text.slice(span.start, span.end), names);
      if (call) {
        found = { span, call };
        break;
      }
    }
    if (!found) return evaluate(text, ctx);
    const { span, call } = found;
    const values = call.args.map((a) => evaluate(`{{${a.text.trim()}}}`, ctx));
    const name = `customcall${++counter}`;
    const result = functions[call.name](...values);
    ctx[name] = result === undefined ? null : JSON.parse(JSON.stringify(result));
    text = text.slice(0, span.start + call.start) + name + text.slice(span.start + call.end);
  }
}
