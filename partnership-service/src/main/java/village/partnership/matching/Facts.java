package village.partnership.matching;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the scorer knows of organizations and needs: plain values, read from the record by {@code MatchingData}. */
public final class Facts {
  private Facts() {}

  /** A resource (资源清单) an organization offers. */
  public record Resource(String id, String category, String title) {}

  /**
   * One organization: its resources (in the order offered), the villages it is paired with now (code → since), how
   * many of its ACTIVE pairings are in each township, how many needs of each category it has resolved, and how many
   * needs it holds CLAIMED now.
   */
  public record Organization(String id, String name, List<Resource> resources, Map<String, LocalDate> pairedVillages,
      Map<String, Integer> pairingsByTownship, Map<String, Integer> resolvedByCategory, int openClaims) {
    public Organization {
      resources = List.copyOf(resources);
      pairedVillages = Map.copyOf(pairedVillages);
      pairingsByTownship = Map.copyOf(pairingsByTownship);
      resolvedByCategory = Map.copyOf(resolvedByCategory);
    }
  }

  /** One OPEN need: its village (and whether that village has any ACTIVE pairing), when it was posted, who released it. */
  public record Need(String id, String villageCode, String township, String category, String title, Instant postedAt,
      Set<String> releasedBy, boolean villageHasPairing) {
    public Need {
      releasedBy = Set.copyOf(releasedBy);
    }
  }
}
