// /website/companies/getdetails/: what the official plugin calls to check credentials.
// /website/companies/listquotas/: the SMS quota the sandbox keeps (see api/messaging.mjs).
const SMS_QUOTA = 1000;

export const routes = {
  '/website/companies/getdetails/': ({ company }) => ({ Company: JSON.parse(company.details) }),

  '/website/companies/listquotas/': ({ company }) => ({
    Data: [{ ApplicationName: 'SMS', StatisticName: 'Messages', Usage: SMS_QUOTA - company.sms_quota, Quota: SMS_QUOTA }],
  }),
};
