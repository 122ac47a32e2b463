package village.reporting.readmodel;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** One township's row of the county's roll-up: its name, then its {@link Overview} figures. */
public record TownshipFigures(String township, @JsonUnwrapped Overview figures) {}
