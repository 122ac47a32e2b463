package village.funds.income;

import java.time.Instant;
import java.util.Map;
import village.contracts.Money;
import village.events.funds.CollectiveIncomeReported;
import village.support.aggregate.Aggregate;
import village.support.aggregate.Change;

/**
 * A village's collective income (村级集体经济收入) for one year, the aggregate: the latest reported value; earlier ones
 * are in its history. Each report decides and returns its {@link Change}.
 */
record CollectiveIncome(String villageCode, String township, int year, Money amount, long version, Instant updatedAt)
    implements Aggregate {

  static String id(String villageCode, int year) {
    return villageCode + ":" + year;
  }

  @Override
  public String id() {
    return id(villageCode, year);
  }

  /** The first report of the village and year. */
  static Change<CollectiveIncome> first(String villageCode, String township, int year, Money amount, Instant now) {
    return reported(new CollectiveIncome(villageCode, township, year, amount, 1, now));
  }

  /** A newer report: its amount stands; null when it is the same amount again (nothing to store). */
  Change<CollectiveIncome> report(Money newAmount, Instant now) {
    if (amount.equals(newAmount)) return null;
    return reported(new CollectiveIncome(villageCode, township, year, newAmount, version + 1, now));
  }

  private static Change<CollectiveIncome> reported(CollectiveIncome after) {
    return Change.of(after, new CollectiveIncomeReported(after.villageCode, after.township, after.year,
        after.amount.toYuanString()), "REPORTED", Map.of("amount", after.amount.toYuanString()));
  }

  /** The API form. */
  record Response(String villageCode, String township, int year, String amount, long version, Instant updatedAt) {
    static Response of(CollectiveIncome i) {
      return new Response(i.villageCode(), i.township(), i.year(), i.amount().toYuanString(), i.version(), i.updatedAt());
    }
  }
}
