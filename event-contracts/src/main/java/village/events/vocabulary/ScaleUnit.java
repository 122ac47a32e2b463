package village.events.vocabulary;

/** The unit of a project's scale ({@code ProjectRegistered.scaleUnit}): area in mu (亩), fungi in sticks (棒), livestock in head. */
public enum ScaleUnit {
  MU, STICK, HEAD
}
