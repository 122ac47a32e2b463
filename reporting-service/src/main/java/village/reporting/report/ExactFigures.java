package village.reporting.report;

/** How the table beneath a report and the footnotes write a slot's exact value and its source. */
final class ExactFigures {
  private ExactFigures() {
  }

  /** The exact value with its unit: "50000000.00元", "412个", "50000亩". */
  static String exact(Slot s) {
    return s.value() + Measure.valueOf(s.measure()).unit();
  }

  /** The query as a reader reads it (decoded). */
  static String readable(Slot s) {
    return StatsQuery.parse(s.query()).readable();
  }

  /** One footnote: the exact value, where it is in which response, and when. */
  static String note(Slot s) {
    return s.label() + "：" + exact(s) + "（文中“" + s.display() + "”）。来源：GET " + readable(s) + " → " + s.field()
        + "，asOf " + s.asOf();
  }
}
