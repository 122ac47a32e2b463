package village.imports.plan;

import java.util.Map;

/**
 * One write the import will make: its kind, the row it comes from, the natural key its Idempotency-Key is derived from,
 * the request body (references by credit code / ref still unresolved) and those references ({@code organization}:
 * credit code, {@code investor}, {@code lead}, {@code project}: ref, {@code fund}: ref, {@code need}: ref,
 * {@code village}: code, {@code milestone}: title, {@code status}, {@code percent}, {@code year}).
 */
public record Op(Kind kind, String sheet, int row, String naturalKey, Map<String, Object> body, Map<String, String> refs) {
  public enum Kind {
    REGISTER_VILLAGE, REGISTER_ORGANIZATION, OFFER_RESOURCE, REGISTER_PARTNERSHIP, REGISTER_PROJECT, CHANGE_PROJECT_STATUS,
    REPORT_PROGRESS, COMPLETE_MILESTONE, POST_NEED, RESOLVE_NEED, END_PARTNERSHIP, COMMIT_FUND, DISBURSE, REPORT_INCOME
  }

  public Op {
    body = body == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
    refs = refs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(refs));
  }

  public String ref(String name) {
    return refs.get(name);
  }
}
