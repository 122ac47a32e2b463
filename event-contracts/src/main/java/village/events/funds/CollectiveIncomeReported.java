package village.events.funds;

import village.events.DomainEvent;

/** A village's collective income for a year; the latest report for (village, year) stands. Aggregate id: {@code villageCode + ":" + year}. */
public record CollectiveIncomeReported(String villageCode, String township, int year, String amount) implements DomainEvent {
  @Override public String aggregateId() { return villageCode + ":" + year; }
}
