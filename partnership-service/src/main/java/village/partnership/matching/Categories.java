package village.partnership.matching;

import java.util.Map;

/** The categories of needs and resources in the words a clerk uses (API.md). */
final class Categories {
  private static final Map<String, String> NAMES = Map.of("INDUSTRY", "产业", "INFRASTRUCTURE", "基础设施",
      "MARKETING", "产销对接", "EMPLOYMENT", "就业", "TALENT", "人才技术", "FUNDING", "资金",
      "LIVING_ENVIRONMENT", "人居环境", "GOVERNANCE", "治理与民生", "OTHER", "其他");

  private Categories() {}

  static String chinese(String category) {
    return NAMES.getOrDefault(category, category);
  }
}
