package village.reporting.readmodel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import village.events.vocabulary.FundSource;
import village.events.vocabulary.Industry;
import village.events.vocabulary.OrganizationType;
import village.events.vocabulary.ProjectStatus;
import village.events.vocabulary.ScaleUnit;

/**
 * The overview figures of API.md for one township (or the county) and year (or all time). Money is a decimal string of
 * yuan with two decimals; the per-value maps have one entry for every constant of the shared vocabulary, in its order.
 */
public record Overview(Villages villages, Partnerships partnerships, Needs needs, Projects projects,
    List<Scale> industryScale, Investment investment, CollectiveIncome collectiveIncome) {

  /** Registered villages, those with at least one active partnership, and the share covered (four decimals). */
  public record Villages(long total, long covered, double coverage) {}

  public record Partnerships(long active, Map<OrganizationType, Long> byOrganizationType) {}

  /** {@code claimed}: open needs an organization took on (counted in {@code open} too). */
  public record Needs(long open, long claimed, long resolved) {}

  /** {@code total}: projects not cancelled; {@code byStatus} counts every status, cancelled included. */
  public record Projects(long total, Map<ProjectStatus, Long> byStatus, Map<Industry, Long> byIndustry) {}

  /** The scale of the projects (not cancelled) of one industry in one unit. */
  public record Scale(Industry industry, ScaleUnit unit, BigDecimal quantity) {}

  public record Investment(String committed, String disbursed, Map<FundSource, Amounts> bySource) {}

  public record Amounts(String committed, String disbursed) {}

  /** The villages' collective income of {@code year} (the latest year reported when none was asked for; null: none). */
  public record CollectiveIncome(@JsonInclude(JsonInclude.Include.ALWAYS) Integer year, String total, Bands bands) {}

  /** Villages by collective income: below 200,000 yuan, 200,000 to 500,000, at least 500,000. */
  public record Bands(long below200k, long from200kTo500k, long atLeast500k) {}
}
