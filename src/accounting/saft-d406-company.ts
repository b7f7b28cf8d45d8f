/** SAF-T D406: the company of the Header (Inventar keeps no company master data). */

/** The company of the Header (Inventar keeps none: the server's environment gives it). */
export interface SaftCompany {
  /** CUI, without RO */
  registrationNumber: string;
  name: string;
  street: string;
  city: string;
  contactFirstName: string;
  contactLastName: string;
  telephone: string;
}

/** The company from INVENTAR_COMPANY_* variables; '-' stands for what is not set. */
export function companyFromEnv(env: NodeJS.ProcessEnv = process.env): SaftCompany {
  const v = (name: string, fallback = '-') => env[`INVENTAR_COMPANY_${name}`]?.trim() || fallback;
  const contact = v('CONTACT', 'Inventar').split(/\s+/);
  return {
    registrationNumber: v('CUI', '0'),
    name: v('NAME', 'Inventar'),
    street: v('STREET'),
    city: v('CITY'),
    contactFirstName: contact[0],
    contactLastName: contact.slice(1).join(' ') || contact[0],
    telephone: v('PHONE'),
  };
}
