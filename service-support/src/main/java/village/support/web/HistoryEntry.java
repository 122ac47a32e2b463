package village.support.web;

import java.time.Instant;
import java.util.Map;

/** One kept change of a resource, for {@code GET …/{id}/history}: who, when, what. */
public record HistoryEntry(int version, Instant at, String actor, String action, Map<String, Object> details) {}
