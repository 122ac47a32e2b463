package village.reporting.report;

import java.util.List;

/**
 * A drafted report: its title, sections of text and figures, every figure a {@link Slot} (a figure's footnote number
 * is its index in {@link #slots} plus one), and the freshness of the statistics it was drafted from. Rendered by
 * {@link MarkdownReport}, {@link HtmlReport} and {@link DocxReport}.
 */
public record Report(Integer year, String township, String title, List<Section> sections, List<Slot> slots,
    Freshness freshness) {

  public record Section(String heading, List<Piece> pieces) {}

  /** Part of a paragraph: text, a figure, or a phrase that rests on figures without stating them. */
  public sealed interface Piece permits Text, Figure, Reference {}

  public record Text(String text) implements Piece {}

  /** The figure of slot {@code slot} (index into {@link #slots}), written as its display text. */
  public record Figure(int slot) implements Piece {}

  /** A phrase ("全覆盖", "2022年全年水平") that the figures of these slots decide. */
  public record Reference(String text, List<Integer> slots) implements Piece {}

  /**
   * The statistics' {@code asOf} and {@code lag}; {@code behindSeconds} and {@code reasons} when they trail the clock;
   * {@code rebuilding} while a rebuild runs.
   */
  public record Freshness(String asOf, long lag, Long behindSeconds, List<String> reasons, boolean rebuilding) {
    public boolean behind() {
      return behindSeconds != null;
    }
  }

  /** The plain text of a section, figures as the report writes them (what a reader sees). */
  public String text(Section section) {
    StringBuilder sb = new StringBuilder();
    for (Piece p : section.pieces()) {
      switch (p) {
        case Text t -> sb.append(t.text());
        case Figure f -> sb.append(slots.get(f.slot()).display());
        case Reference r -> sb.append(r.text());
      }
    }
    return sb.toString();
  }

  /** The closing sentence: when the figures are from and whether the statistics were behind. */
  public String closing() {
    StringBuilder sb = new StringBuilder("本报告中的数字均取自统计查询（见注），数据截至").append(freshness.asOf()).append("（asOf）");
    if (freshness.asOf().startsWith("1970-01-01T00:00:00")) {
      sb.append("；统计尚未收到每个写入服务的进度，数据的新鲜度未知，数字可能不全");
    } else if (freshness.behind()) {
      sb.append("；统计数据滞后约").append(freshness.behindSeconds()).append("秒");
      if (!freshness.reasons().isEmpty()) sb.append("（").append(String.join("；", freshness.reasons())).append("）");
    } else {
      sb.append("；统计数据为最新，未滞后");
    }
    if (freshness.rebuilding()) sb.append("；统计正在重建，以上为现用统计的数字");
    return sb.append("。").toString();
  }
}
