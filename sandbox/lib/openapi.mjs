// Validates request and response bodies against the vendor's OpenAPI document, after
// rewriting its two .NET quirks (see shared/officeguy-api/README.md):
//   1. enums written as strings "Name (n)" accept the integer n or the bare name;
//   2. a nullable reference {type: "null", allOf: [$ref]} means null or that object;
//   3. a .NET `object` (any JSON value: Filter.Value, every Properties map's values) is
//      written as a bare {type: "null"}, which would refuse every real value: read it as {}.
// Request schemas are mostly additionalProperties: false, so a misspelt field fails.
import Ajv from 'ajv';
import { readShared } from './shared.mjs';

const ENUM_MEMBER = /^(.*) \((-?\d+)\)$/;

function rewrite(node) {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = rewrite(v);
  if (Array.isArray(out.enum) && out.enum.length && out.enum.every((m) => typeof m === 'string' && ENUM_MEMBER.test(m))) {
    const values = [];
    for (const m of out.enum) {
      const [, name, code] = m.match(ENUM_MEMBER);
      values.push(Number(code), name);
    }
    out.enum = values;
    delete out.type;
  }
  if (out.type === 'null' && Object.keys(out).every((k) => k === 'type' || k === 'description')) {
    delete out.type;
    return out;
  }
  if (out.type === 'null' && Array.isArray(out.allOf) && out.allOf.length === 1) {
    const inner = out.allOf[0];
    delete out.type;
    delete out.allOf;
    out.anyOf = [{ type: 'null' }, inner];
  }
  return out;
}

function jsonSchemaOf(content) {
  if (!content) return null;
  const media = content['application/json'] || content['text/json'] || Object.values(content)[0];
  return media?.schema || null;
}

/** ajv's instancePath `/Items/0/UnitPrice` as `Items[0].UnitPrice`, plus the offending key. */
function issuePath(err) {
  let path = err.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
  const extra = err.params?.additionalProperty ?? err.params?.missingProperty;
  if (extra !== undefined) path = path ? `${path}.${extra}` : extra;
  return path;
}

function toIssues(errors) {
  // anyOf/allOf failures repeat the same place; keep the most specific message per path
  const seen = new Map();
  for (const err of errors || []) {
    const path = issuePath(err);
    const message = err.keyword === 'additionalProperties'
      ? `unknown field ${err.params.additionalProperty}`
      : err.keyword === 'required' ? `missing required field ${err.params.missingProperty}`
        : err.keyword === 'enum' ? `must be one of ${err.params.allowedValues.join(', ')}`
          : err.message;
    const prior = seen.get(path);
    if (prior && prior.keyword === 'type' && err.keyword === 'type' && prior.message === 'must be null') {
      seen.set(path, { path, keyword: 'type', message: `${message} or null` });
    } else if (!prior || err.keyword === 'additionalProperties' || err.keyword === 'required') {
      seen.set(path, { path, keyword: err.keyword, message });
    }
  }
  // a failed nullable reference also reports "must be null" and "anyOf" at its own path:
  // drop those when a more precise issue explains the same place
  const issues = [...seen.values()];
  const within = (inner, outer) => inner !== outer && (outer === '' || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`));
  return issues.filter((i) => !((i.keyword === 'anyOf' || (i.keyword === 'type' && i.message === 'must be null'))
    && issues.some((j) => j !== i && (within(j.path, i.path) || (j.path === i.path && j.keyword !== 'anyOf' && j.message !== 'must be null')))));
}

let cached;

/** The document, rewritten and compiled lazily per path. */
export function loadOpenApi() {
  if (cached) return cached;
  const doc = JSON.parse(readShared('officeguy-api', 'openapi.json'));
  const schemas = rewrite(doc.components.schemas);
  // Integer formats are checked (a .NET service cannot read 1e300 into an int32); date-time
  // is not, because the service takes plain dates such as "2023-11-30" in those fields.
  const ajv = new Ajv({
    strict: false, allErrors: true,
    formats: {
      int32: { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
      int64: { type: 'number', validate: (n) => Number.isSafeInteger(n) },
      double: { type: 'number', validate: (n) => Number.isFinite(n) },
      'date-time': true, uuid: true, binary: true,
    },
  });
  ajv.addSchema({ $id: 'officeguy', components: { schemas } });
  const fix = (s) => JSON.parse(JSON.stringify(rewrite(s)).replaceAll('"#/components/', '"officeguy#/components/'));
  const compiled = new Map();
  const compile = (path, which) => {
    const key = `${which} ${path}`;
    if (!compiled.has(key)) {
      const op = doc.paths[path]?.post;
      if (!op) return null;
      const schema = which === 'request' ? jsonSchemaOf(op.requestBody?.content) : jsonSchemaOf(op.responses?.['200']?.content);
      compiled.set(key, schema ? ajv.compile(fix(schema)) : () => true);
    }
    return compiled.get(key);
  };
  const check = (which) => (path, body) => {
    const validate = compile(path, which);
    if (!validate) return [{ path: '', keyword: 'path', message: `no such endpoint in openapi.json: ${path}` }];
    return validate(body) ? [] : toIssues(validate.errors);
  };
  cached = {
    doc,
    paths: Object.keys(doc.paths),
    operation: (path) => doc.paths[path]?.post || null,
    /** Issues of a request body for `path` (empty when valid). */
    validateRequest: check('request'),
    /** Issues of a response body (the whole envelope) for `path`. */
    validateResponse: check('response'),
    /** The rewritten component schema, e.g. for enum tables. */
    schema: (name) => schemas[name],
  };
  return cached;
}
