package village.funds.income;

import java.time.Instant;
import java.util.List;
import org.bson.Document;
import village.contracts.Money;
import village.funds.support.HistoryDocuments;
import village.support.web.HistoryEntry;

/** A village's collective income (村级集体经济收入) for one year: the latest reported value; earlier ones in history. */
record CollectiveIncome(String villageCode, String township, int year, Money amount, long version, Instant updatedAt,
    List<HistoryEntry> history) {

  static String id(String villageCode, int year) {
    return villageCode + ":" + year;
  }

  static CollectiveIncome of(Document d) {
    return new CollectiveIncome(d.getString("villageCode"), d.getString("township"), d.getInteger("year"),
        Money.ofFen(((Number) d.get("amountFen")).longValue()), ((Number) d.get("version")).longValue(),
        d.getDate("updatedAt").toInstant(),
        d.getList("history", Document.class, List.of()).stream().map(HistoryDocuments::fromDocument).toList());
  }

  /** The API form. */
  record Response(String villageCode, String township, int year, String amount, long version, Instant updatedAt) {
    static Response of(CollectiveIncome i) {
      return new Response(i.villageCode(), i.township(), i.year(), i.amount().toYuanString(), i.version(), i.updatedAt());
    }
  }
}
