// Organizations and offices the inline stage recognises, with their TLC entries (profile §5.2).
// Language tables map their own phrases to these keys; names here are language-neutral.

export interface EntityDefinition {
  tlc: 'TLCOrganization' | 'TLCRole' | 'TLCLocation';
  /** The inline element that marks a mention. */
  element: 'organization' | 'role' | 'location';
  href: string;
  /** English name, used for showAs when the language table gives none. */
  showAs: string;
  shortForm?: string;
}

export const entities: Readonly<Record<string, EntityDefinition>> = {
  un: { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/un/un', showAs: 'United Nations', shortForm: 'UN' },
  'un-ga': { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/un/un-ga', showAs: 'General Assembly' },
  'un-sc': { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/un/un-sc', showAs: 'Security Council' },
  'un-ecosoc': { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/un/un-ecosoc', showAs: 'Economic and Social Council' },
  'un-hrc': { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/un/un-hrc', showAs: 'Human Rights Council' },
  oic: { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/oic', showAs: 'Organisation of Islamic Cooperation', shortForm: 'OIC' },
  au: { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/au', showAs: 'African Union', shortForm: 'AU' },
  eu: { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/eu', showAs: 'European Union', shortForm: 'EU' },
  osce: { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/osce', showAs: 'Organization for Security and Co-operation in Europe', shortForm: 'OSCE' },
  secretaryGeneral: { tlc: 'TLCRole', element: 'role', href: '/akn/ontology/role/un/secretaryGeneral', showAs: 'Secretary-General' },
};
