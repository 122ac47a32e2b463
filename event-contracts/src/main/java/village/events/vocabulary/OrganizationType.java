package village.events.vocabulary;

/** An organization's type ({@code OrganizationRegistered.organizationType}, {@code PartnershipRegistered.organizationType}). */
public enum OrganizationType {
  TOWNSHIP_AGENCY, PUBLIC_INSTITUTION, ENTERPRISE, SOCIAL_ORGANIZATION
}
