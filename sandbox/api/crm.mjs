// CRM schema, views and data: /crm/schema/*, /crm/views/listviews/, /crm/data/*.
import { ApiError } from '../lib/messages.mjs';
import { STATUS } from '../store/crm.mjs';

const PAGE_MIN = 10;
const PAGE_MAX = 1000;

function paging(p) {
  const start = p?.StartIndex ?? 0;
  if (start < 0) throw new ApiError('invalid_field', { field: 'Paging.StartIndex', detail: '>= 0' });
  // SUMIT clamps the page size into 10..1000 rather than refusing it
  const size = Math.min(PAGE_MAX, Math.max(PAGE_MIN, p?.PageSize ?? PAGE_MIN));
  return { start, size };
}

function entityId(body) {
  if (!Number.isSafeInteger(body.EntityID) || body.EntityID <= 0) throw new ApiError('entity_not_found', { id: body.EntityID });
  return body.EntityID;
}

export const routes = {
  '/crm/schema/listfolders/': ({ body, company, sb }) => {
    const filter = (body.NameFilter || '').trim().toLocaleLowerCase();
    const folders = sb.crm.folders(company.id).filter((f) => !filter || f.name.toLocaleLowerCase().includes(filter));
    return { Folders: folders.map((f) => ({ ID: f.id, Name: f.name })) };
  },

  '/crm/schema/getfolder/': ({ body, company, sb }) => {
    const folder = sb.crm.requireFolder(company.id, body.Folder);
    const properties = body.IncludeProperties
      ? sb.crm.properties(folder.id).map((p) => ({
        ID: p.id, Name: p.name, Description: p.description, Category: p.category,
        ValueType: p.value_type, APIName: p.api_name, Required: !!p.required,
      }))
      : null;
    return { Folder: { ID: folder.id, Name: folder.name }, Properties: properties };
  },

  '/crm/views/listviews/': ({ body, company, sb }) => {
    if (!body.FolderID) throw new ApiError('folder_required');
    const folder = sb.crm.findFolder(company.id, String(body.FolderID));
    if (!folder) throw new ApiError('folder_not_found', { folder: String(body.FolderID) });
    return { Views: sb.crm.views(folder.id).map((v) => ({ ID: v.id, Name: v.name })) };
  },

  '/crm/data/listentities/': ({ body, company, sb }) => {
    const folder = sb.crm.requireFolder(company.id, body.Folder);
    const { start, size } = paging(body.Paging);
    const { rows, hasNext } = sb.crm.list(company.id, folder, { filters: body.Filters, order: body.Order, start, size });
    return { Entities: rows.map((r) => sb.crm.answer(r, { withProperties: !!body.LoadProperties })), HasNextPage: hasNext };
  },

  '/crm/data/getentity/': ({ body, company, sb }) => {
    const row = sb.crm.requireEntity(company.id, entityId(body));
    return { Entity: sb.crm.answer(row, { withProperties: body.IncludeFields !== false }) };
  },

  '/crm/data/createentity/': ({ body, company, sb }) => {
    const folder = sb.crm.requireFolder(company.id, body.Entity.Folder);
    const row = sb.crm.create(company.id, folder, body.Entity.Properties || {});
    return { EntityID: row.id };
  },

  '/crm/data/updateentity/': ({ body, company, sb }) => {
    const id = body.Entity.ID;
    if (!id) throw new ApiError('entity_id_required');
    const row = sb.crm.requireEntity(company.id, id);
    if (body.Entity.Folder !== null && body.Entity.Folder !== undefined && String(body.Entity.Folder).trim() !== '') {
      const folder = sb.crm.requireFolder(company.id, body.Entity.Folder);
      if (folder.id !== row.folder_id) throw new ApiError('entity_wrong_folder', { id, folder: body.Entity.Folder });
    }
    sb.crm.update(company.id, id, body.Entity.Properties || {}, { replace: !!body.RemoveExistingProperties });
    return { EntityID: id };
  },

  '/crm/data/archiveentity/': ({ body, company, sb }) => {
    sb.crm.setStatus(company.id, entityId(body), STATUS.archived);
  },

  '/crm/data/deleteentity/': ({ body, company, sb }) => {
    sb.crm.setStatus(company.id, entityId(body), STATUS.deleted);
  },
};
