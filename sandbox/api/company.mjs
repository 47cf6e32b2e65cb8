// /website/companies/getdetails/: what the official plugin calls to check credentials.
export const routes = {
  '/website/companies/getdetails/': ({ company }) => ({ Company: JSON.parse(company.details) }),
};
