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
  // Main Committees of the General Assembly (actor of their drafts' IRIs, profile §2.1).
  'un-ga-c1': { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/un/un-ga-c1', showAs: 'First Committee' },
  'un-ga-c2': { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/un/un-ga-c2', showAs: 'Second Committee' },
  'un-ga-c3': { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/un/un-ga-c3', showAs: 'Third Committee' },
  'un-ga-c4': { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/un/un-ga-c4', showAs: 'Special Political and Decolonization Committee (Fourth Committee)' },
  'un-ga-c5': { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/un/un-ga-c5', showAs: 'Fifth Committee' },
  'un-ga-c6': { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/un/un-ga-c6', showAs: 'Sixth Committee' },
  oic: { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/oic', showAs: 'Organisation of Islamic Cooperation', shortForm: 'OIC' },
  au: { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/au', showAs: 'African Union', shortForm: 'AU' },
  eu: { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/eu', showAs: 'European Union', shortForm: 'EU' },
  osce: { tlc: 'TLCOrganization', element: 'organization', href: '/akn/ontology/organization/osce', showAs: 'Organization for Security and Co-operation in Europe', shortForm: 'OSCE' },
  secretaryGeneral: { tlc: 'TLCRole', element: 'role', href: '/akn/ontology/role/un/secretaryGeneral', showAs: 'Secretary-General' },
};
