package village.partnership.organizations;

/** 镇机关, 事业单位, 企业, 社会组织. */
public enum OrganizationType { TOWNSHIP_AGENCY, PUBLIC_INSTITUTION, ENTERPRISE, SOCIAL_ORGANIZATION }
