package village.events.vocabulary;

/** An administrative village or an urban community ({@code VillageRegistered.kind}). */
public enum VillageKind {
  VILLAGE, COMMUNITY
}
