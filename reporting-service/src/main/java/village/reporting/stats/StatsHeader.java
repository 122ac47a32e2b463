package village.reporting.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import village.reporting.consumer.RebuildProgress;
import village.reporting.freshness.Freshness;

/**
 * The head of every statistics response: how fresh it is ({@code asOf}, {@code lag}, {@code behind} when it trails),
 * whether a rebuild runs ({@code rebuild}: its progress, only while one runs) and the sequence {@code gaps}.
 */
public record StatsHeader(@JsonUnwrapped Freshness.Header freshness, boolean rebuilding,
    @JsonInclude(JsonInclude.Include.NON_NULL) RebuildProgress rebuild, Gaps gaps) {

  /** Events held back for an earlier sequence of their aggregate, and those set aside because it never came. */
  public record Gaps(int held, long deadLettered) {}
}
