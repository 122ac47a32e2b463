package village.events.funds;

/** A village's collective income for a year; the latest report for (village, year) stands. Aggregate id: {@code villageCode + ":" + year}. */
public record CollectiveIncomeReported(String villageCode, String township, int year, String amount) implements FundsEvent {
  @Override public String aggregateId() { return villageCode + ":" + year; }
}
