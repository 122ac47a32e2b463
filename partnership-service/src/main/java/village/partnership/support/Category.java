package village.partnership.support;

/** Categories of needs, resources and a partnership's focus (API.md). */
public enum Category {
  INDUSTRY, INFRASTRUCTURE, MARKETING, EMPLOYMENT, TALENT, FUNDING, LIVING_ENVIRONMENT, GOVERNANCE, OTHER
}
