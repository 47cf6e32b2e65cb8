// /triggers/triggers/subscribe/ and unsubscribe/: a subscription watches one view of one
// folder for one TriggerType; unsubscribe is keyed on the URL alone (there is no list call).
import { ApiError } from '../lib/messages.mjs';

export const TRIGGER_TYPES = ['CreateOrUpdate', 'Create', 'Update', 'Archive', 'Delete'];

export const routes = {
  '/triggers/triggers/subscribe/': ({ body, company, sb }) => {
    let url;
    try {
      url = new URL(String(body.URL ?? ''));
    } catch {
      throw new ApiError('url_required');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ApiError('url_required');
    const folder = sb.crm.requireFolder(company.id, body.Folder);
    const view = sb.crm.view(body.View);
    if (!view || view.folder_id !== folder.id) throw new ApiError('view_not_found', { view: body.View });
    const type = TRIGGER_TYPES.find((t) => t.toLowerCase() === String(body.TriggerType ?? '').trim().toLowerCase());
    if (!type) throw new ApiError('trigger_type_invalid', { value: body.TriggerType ?? '' });
    sb.triggers.subscribe(company.id, { url: body.URL, folderId: folder.id, viewId: view.id, type });
    return {};
  },

  '/triggers/triggers/unsubscribe/': ({ body, company, sb }) => {
    // unsubscribing a URL that has no trigger succeeds too, so that a retried unsubscribe is harmless
    sb.triggers.unsubscribe(company.id, String(body.URL ?? ''));
    return {};
  },
};
