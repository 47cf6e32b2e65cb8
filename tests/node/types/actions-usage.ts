// Compiled by tests/node/actions-types.test.mjs with tsc --noEmit: the actions types accept
// what the docs show and refuse misuse (the @ts-expect-error lines must stay errors).
import * as og from '../../../pkg/index.js';

const connection: og.Connection = { companyId: '9007199254740993', apiKey: 'k', baseUrl: 'http://127.0.0.1:1', language: 'en' };
const big: og.Connection = { companyId: 9007199254740993n, apiKey: 'k' };
const r: og.HttpRequest = og.buildRequest('createDocument', { type: 'Invoice', customer: { id: 1 } }, connection);
const text: string = r.body;
const post: 'POST' = r.method;
void fetch(r.url, { method: r.method, headers: r.headers, body: r.body });
const issues: og.Issue[] = og.validateParams('sendSms', { to: '0501234567', text: 'hi' });
const first: string | undefined = issues[0]?.path;
const data = og.parseResponse('createDocument', 200, '{"Status":0}');
const data2 = og.parseResponse('createDocument', 200, { Status: 0 });
const c: og.Catalog = og.catalog();
const actions: og.ActionSpec[] = c.actions.filter((a) => a.group === 'action');
const endpoint: string | null = actions[0].endpoint;
const field: og.FieldSpec = actions[0].fields[0];
const he: string = field.label.he;
const kind: 'instant' | 'polling' = c.triggers[0].kind;
const retry: boolean = og.safeToRetry('listFolders');
const tables: og.EnumTable[] = og.enumTables();
void [big, text, post, first, data, data2, endpoint, he, kind, retry, tables];

// @ts-expect-error the connection needs an apiKey
og.buildRequest('listFolders', {}, { companyId: 1 });
// @ts-expect-error parseResponse takes the HTTP status as a number
og.parseResponse('listFolders', '200', '{}');
// @ts-expect-error a group is one of three
const g: og.ActionGroup = 'write';
void g;
