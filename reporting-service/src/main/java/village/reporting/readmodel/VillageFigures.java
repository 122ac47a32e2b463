package village.reporting.readmodel;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One village's row (registered, or known from its events): {@code name} and {@code township} null when unknown; the
 * collective income of {@code collectiveIncomeYear} (the year asked for, or the township's latest), null when none.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VillageFigures(String code, String name, String township, long activePartnerships, long resolvedNeeds,
    long projects, String committed, String disbursed, Integer collectiveIncomeYear, String collectiveIncome) {}
