package village.events;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import village.events.funds.CollectiveIncomeReported;
import village.events.funds.DisbursementReversed;
import village.events.funds.FundCommitted;
import village.events.funds.FundDisbursed;
import village.events.partnership.NeedClaimed;
import village.events.partnership.NeedPosted;
import village.events.partnership.NeedReleased;
import village.events.partnership.NeedResolved;
import village.events.partnership.OrganizationRegistered;
import village.events.partnership.PartnershipEnded;
import village.events.partnership.PartnershipRegistered;
import village.events.partnership.ResourceOffered;
import village.events.partnership.VillageRegistered;
import village.events.project.MilestoneCompleted;
import village.events.project.ProjectProgressReported;
import village.events.project.ProjectRegistered;
import village.events.project.ProjectStatusChanged;

/** Wire type name → record class, for every event of schema version 1. */
public final class EventTypes {
  private static final Map<String, Class<? extends DomainEvent>> V1 = Stream.of(
          VillageRegistered.class, OrganizationRegistered.class, PartnershipRegistered.class,
          PartnershipEnded.class, NeedPosted.class, NeedResolved.class, NeedClaimed.class, NeedReleased.class, ResourceOffered.class,
          ProjectRegistered.class, ProjectStatusChanged.class, ProjectProgressReported.class,
          MilestoneCompleted.class,
          FundCommitted.class, FundDisbursed.class, DisbursementReversed.class, CollectiveIncomeReported.class)
      .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

  private EventTypes() {}

  /** The record class for a wire type and schema version, or empty when this build does not know it. */
  public static Optional<Class<? extends DomainEvent>> resolve(String type, int schemaVersion) {
    if (schemaVersion != DomainEvent.SCHEMA_VERSION || type == null) return Optional.empty();
    return Optional.ofNullable(V1.get(type));
  }

  public static java.util.Set<String> names() {
    return V1.keySet();
  }
}
