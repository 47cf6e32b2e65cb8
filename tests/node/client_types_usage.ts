// Compiled (never run) by client_types.test.mjs: the client's declared types accept the
// documented calls and refuse wrong ones.
import * as og from '../../pkg/index.js';

export async function usage(): Promise<number> {
  const client = new og.Client({ companyId: 123456n, apiKey: 'k', baseUrl: 'http://127.0.0.1:1' }, { maxAttempts: 3, timeoutMs: 10_000 });
  const folders: og.IdName[] = await client.listFolders({ nameFilter: 'לקוחות' });
  const views = await client.listViews(folders[0].ID);
  const listing: og.EntityListing = await client.listEntities({ folder: '1001', paging: { pageSize: 100 }, all: true, maxPages: 5 });
  const next: number | null = listing.nextStartIndex;
  await client.listEntities('1001', { all: true, paging: { pageSize: 50 } });
  await client.listFolders('לקוחות');
  const card = await client.getEntity(listing.entities[0].ID as number);
  await client.subscribe({ url: 'https://h.example/x', folder: '1001', view: views[0].ID, type: 'create' });
  await client.unsubscribe('https://h.example/x');
  const data = await client.execute('createCustomer', { name: 'דני' });
  client.close();
  try {
    await client.getFolder('1001');
  } catch (e) {
    if (e instanceof og.OfficeGuyError) return e.status ?? e.httpStatus ?? 0;
  }
  // @ts-expect-error the options are checked
  new og.Client({ companyId: 1, apiKey: 'k' }, { retries: 3 });
  // @ts-expect-error a connection needs its key
  new og.Client({ companyId: 1 });
  return (next ?? 0) + Object.keys(card).length + (data ? 1 : 0);
}
