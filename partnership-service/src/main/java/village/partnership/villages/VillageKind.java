package village.partnership.villages;

/** A village (村) or a community (社区). */
public enum VillageKind { VILLAGE, COMMUNITY }
