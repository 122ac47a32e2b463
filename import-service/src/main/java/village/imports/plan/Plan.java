package village.imports.plan;

import java.util.List;
import java.util.Map;
import village.imports.workbook.RowError;

/**
 * What validating a workbook against the record found: the errors, what each row will do ({@link Change}), the writes
 * in the order they are applied, and per sheet how many rows create, update, leave unchanged or fail.
 */
public record Plan(List<RowError> errors, List<Change> changes, List<Op> ops, Map<String, SheetSummary> summary) {
  public Plan {
    errors = List.copyOf(errors);
    changes = List.copyOf(changes);
    ops = List.copyOf(ops);
    summary = Map.copyOf(summary);
  }

  /** One row: CREATE, UPDATE (with what differs from the record), UNCHANGED or FAILED. */
  public record Change(String sheet, int row, String action, String detail) {}

  public record SheetSummary(int created, int updated, int unchanged, int failed) {}
}
