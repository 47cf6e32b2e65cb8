// One valid params case per catalogue action, for suites that run every action against the
// sandbox (client_actions, secrets). In order: later cases use what earlier ones created,
// kept in `ctx` (`ctx.customers` and `ctx.views` are set by the suite, `ctx.created[key]` by
// each run). `hookUrl` is where the trigger cases subscribe (nothing listens there).

/** @param clientOf () => the suite's og.Client (made in its `before`); @param ctx the suite's shared state */
export function actionCases(clientOf, ctx, hookUrl) {
  const folder = () => String(ctx.customers.ID);
  return {
    getCompanyDetails: () => ({}),
    listFolders: () => ({ nameFilter: 'לקוחות' }),
    getFolder: () => ({ folder: folder(), includeProperties: true }),
    listViews: () => ({ folderId: ctx.customers.ID }),
    listEntities: () => ({ folder: folder(), paging: { startIndex: 0, pageSize: 10 }, loadProperties: true }),
    getEntity: async () => {
      const page = await clientOf().listEntities({ folder: folder(), paging: { pageSize: 10 } });
      return { entityId: page.entities[0].ID };
    },
    listEmailLists: () => ({}),
    listSmsLists: () => ({}),
    listSmsSenders: () => ({}),
    createCustomer: () => ({ name: 'דני דין', email: 'danny@example.com', phone: '050-1234567', city: 'חיפה' }),
    createDocument: () => ({
      type: 'InvoiceAndReceipt',
      customer: { name: 'דנה כהן', email: 'dana@example.com' },
      items: [{ name: 'ייעוץ', quantity: 2, unitPrice: '150.50' }],
      payments: [{ amount: '301.00', method: 'cash' }],
      vatIncluded: true,
      sendByEmail: true,
    }),
    sendSms: () => ({ to: '0521234567', text: 'שלום 👋 מהבדיקות', sender: '0501234567' }),
    addToEmailList: async () => {
      const { MailingLists } = await clientOf().execute('listEmailLists', {});
      return { listId: MailingLists[0].ID, email: 'list@example.com', name: 'רשימה' };
    },
    addToSmsList: async () => {
      const { MailingLists } = await clientOf().execute('listSmsLists', {});
      return { listId: MailingLists[0].ID, phone: '0527654321', name: 'תזכורת' };
    },
    createCard: () => ({ folder: folder(), properties: { Customers_FullName: 'כרטיס מהבדיקה' } }),
    updateCard: () => ({ entityId: ctx.created.createCard.EntityID, properties: { Customers_City: 'אילת' } }),
    getCard: () => ({ entityId: ctx.created.createCard.EntityID }),
    sendDocument: () => ({ documentId: ctx.created.createDocument.DocumentID, email: 'again@example.com', original: false }),
    apiCall: () => ({ path: '/crm/schema/listfolders/', body: {} }),
    subscribeTrigger: () => ({ url: hookUrl, folder: folder(), view: ctx.views[0].ID, type: 'createOrUpdate' }),
    unsubscribeTrigger: () => ({ url: hookUrl }),
    archiveCard: () => ({ entityId: ctx.created.createCard.EntityID }),
    deleteCard: async () => {
      const { EntityID } = await clientOf().execute('createCard', { folder: folder(), properties: { Customers_FullName: 'למחיקה' } });
      return { entityId: EntityID };
    },
  };
}
