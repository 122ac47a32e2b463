package village.events.partnership;

/**
 * An organization took on an OPEN need (认领); status CLAIMED. {@code suggestionScore} and {@code weightsVersion}: the
 * score the suggestions gave this organization for this need when it was claimed, under the township's matching weights
 * of that version (0: the defaults).
 */
public record NeedClaimed(String needId, String villageCode, String township, String category, String organizationId,
    int suggestionScore, int weightsVersion) implements PartnershipEvent {
  @Override public String aggregateId() { return needId; }
}
