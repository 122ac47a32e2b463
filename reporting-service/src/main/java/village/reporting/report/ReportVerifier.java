package village.reporting.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Recomputes every slot of a drafted report from its query and field and lists those whose value is no longer the one
 * the text was drafted from. Plain: the responses come from a function of the query (one call per distinct query).
 */
public final class ReportVerifier {
  /** A slot whose figure changed: what the report says, and what the statistics say now (null: no longer there). */
  public record Change(int index, String name, String query, String field, String value, String current, String display,
      String currentDisplay, String asOf, String currentAsOf) {}

  public record Result(int checked, List<Change> changed) {}

  /** A slot that cannot be checked: the message names what is wrong, {@code field} which part. */
  public static final class BadSlot extends IllegalArgumentException {
    private final String field;

    BadSlot(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  private final Function<StatsQuery, Map<String, Object>> source;

  public ReportVerifier(Function<StatsQuery, Map<String, Object>> source) {
    this.source = source;
  }

  /** Checks the slot list; throws {@link BadSlot} (before reading anything) when one is not a slot of a report. */
  public Result verify(List<Slot> slots) {
    List<StatsQuery> queries = new ArrayList<>();
    List<FieldPath> fields = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      Slot s = slots.get(i);
      String at = "slots[" + i + "].";
      if (s == null) throw new BadSlot("slots[" + i + "]", "must be a slot");
      try {
        queries.add(StatsQuery.parse(s.query()));
      } catch (StatsQuery.BadQuery e) {
        throw new BadSlot(at + "query", e.getMessage());
      }
      try {
        fields.add(new FieldPath(s.field()));
      } catch (FieldPath.BadPath e) {
        throw new BadSlot(at + "field", "must be a field path such as collectiveIncome.total");
      }
      if (s.value() == null || SlotValues.exact(s.value()) == null) throw new BadSlot(at + "value", "must be a decimal string");
      if (s.measure() != null && measure(s.measure()) == null) throw new BadSlot(at + "measure", "unknown measure " + s.measure());
    }
    Map<StatsQuery, Map<String, Object>> responses = new HashMap<>();
    List<Change> changed = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      Slot s = slots.get(i);
      Map<String, Object> response = responses.computeIfAbsent(queries.get(i), source);
      BigDecimal now = SlotValues.exact(fields.get(i).read(response));
      BigDecimal then = SlotValues.exact(s.value());
      if (now != null && now.compareTo(then) == 0) continue;
      Measure m = s.measure() == null ? null : measure(s.measure());
      changed.add(new Change(i, s.name(), s.query(), s.field(), s.value(), now == null ? null : SlotValues.text(now),
          s.display(), now == null || m == null || now.signum() < 0 ? null : m.format(now), s.asOf(),
          String.valueOf(response.get("asOf"))));
    }
    return new Result(slots.size(), changed);
  }

  private static Measure measure(String name) {
    for (Measure m : Measure.values()) if (m.name().equals(name)) return m;
    return null;
  }
}
