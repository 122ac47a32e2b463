// The enumerations of ../shared/API.md. The services' OpenAPI documents declare these fields as plain strings, so the
// values are listed here once (the i18n files label each; test/i18n.test.ts checks every value has a label).
export const CATEGORIES = ['INDUSTRY', 'INFRASTRUCTURE', 'MARKETING', 'EMPLOYMENT', 'TALENT', 'FUNDING', 'LIVING_ENVIRONMENT', 'GOVERNANCE', 'OTHER'] as const
export const ORGANIZATION_TYPES = ['TOWNSHIP_AGENCY', 'PUBLIC_INSTITUTION', 'ENTERPRISE', 'SOCIAL_ORGANIZATION'] as const
export const NEED_STATUSES = ['OPEN', 'CLAIMED', 'RESOLVED'] as const
export const PARTNERSHIP_STATUSES = ['ACTIVE', 'ENDED'] as const
export const PROJECT_STATUSES = ['PLANNED', 'APPROVED', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED', 'CANCELLED'] as const
export const INDUSTRIES = ['SWEET_POTATO', 'FRESH_FRUIT', 'VEGETABLES', 'WALNUT', 'EDIBLE_FUNGI', 'OTHER'] as const
export const SOURCES = ['SOCIAL_CAPITAL', 'FISCAL', 'VILLAGE_COLLECTIVE', 'BANK_LOAN', 'DONATION'] as const
export const UNITS = ['MU', 'STICK', 'HEAD'] as const

export const ENUMS: Record<string, readonly string[]> = {
  category: CATEGORIES, orgType: ORGANIZATION_TYPES, needStatus: NEED_STATUSES, partnershipStatus: PARTNERSHIP_STATUSES,
  projectStatus: PROJECT_STATUSES, industry: INDUSTRIES, source: SOURCES, units: UNITS,
}
