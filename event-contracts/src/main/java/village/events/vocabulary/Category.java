package village.events.vocabulary;

/** The category of a need or a resource, and a partnership's focus ({@code NeedPosted.category}, {@code ResourceOffered.category}, {@code PartnershipRegistered.focus}). */
public enum Category {
  INDUSTRY, INFRASTRUCTURE, MARKETING, EMPLOYMENT, TALENT, FUNDING, LIVING_ENVIRONMENT, GOVERNANCE, OTHER
}
