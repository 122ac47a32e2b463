package village.imports.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a row differs from the record it names (an import does not change what is registered): each field the row says
 * otherwise, as the record has it ("name '红旗村' on record", "kind VILLAGE on record"), reported as one error on the row.
 */
final class OnRecord {
  private final List<String> fields = new ArrayList<>();
  private final List<String> said = new ArrayList<>();

  /** A text field: the record's value is quoted. */
  OnRecord text(String field, String onRecord, String inRow) {
    return differ(field, onRecord, inRow, "'" + onRecord + "'");
  }

  /** A code, a value or a date, shown as {@code shown}. */
  OnRecord value(String field, Object onRecord, Object inRow, Object shown) {
    return differ(field, onRecord, inRow, String.valueOf(shown));
  }

  OnRecord value(String field, Object onRecord, Object inRow) {
    return value(field, onRecord, inRow, onRecord);
  }

  private OnRecord differ(String field, Object onRecord, Object inRow, String shown) {
    if (!Objects.equals(onRecord, inRow)) {
      fields.add(field);
      said.add(field + " " + shown + " on record");
    }
    return this;
  }

  /**
   * Puts the differences on the row as one error ("{@code subject} is {@code how} (…); {@code rule}") in the column of
   * the first field that differs when it is one of {@code columns}, else in {@code otherwise}; false when none differ.
   */
  boolean reported(Cells c, String subject, String how, String rule, String otherwise, Set<String> columns) {
    if (fields.isEmpty()) return false;
    String column = columns.contains(fields.getFirst()) ? fields.getFirst() : otherwise;
    c.error(column, subject + " is " + how + " (" + String.join(", ", said) + "); " + rule);
    return true;
  }
}
