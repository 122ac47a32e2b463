package village.events.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import village.events.EventTypes;

/**
 * The vocabulary lives once: no service declares an enumeration of its own with a vocabulary's name or with the same
 * constants (the producers and reporting use these), and every enumerated field of the golden event files is a value
 * of the vocabulary.
 */
class VocabularyTest {
  private static final Pattern ENUM = Pattern.compile("\\benum\\s+(\\w+)\\s*\\{([^;}]*)[;}]");

  /** Every enum declared in a service's main sources: file → name and constants. */
  static List<String[]> serviceEnums() throws IOException {
    List<String[]> out = new ArrayList<>();
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      for (Path module : modules.filter(m -> m.getFileName().toString().endsWith("-service")).toList()) {
        Path main = module.resolve("src/main/java");
        if (!Files.isDirectory(main)) continue;
        try (Stream<Path> files = Files.walk(main)) {
          for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
            Matcher m = ENUM.matcher(Files.readString(file));
            while (m.find()) out.add(new String[] {file.toString(), m.group(1), constants(m.group(2)).toString()});
          }
        }
      }
    }
    return out;
  }

  @Test
  void noServiceKeepsACopyOfTheVocabulary() throws IOException {
    List<String[]> enums = serviceEnums();
    assertThat(enums).as("the services' enums were found (the scan reads ../*-service)").isNotEmpty();
    for (Class<? extends Enum<?>> shared : Vocabulary.ALL) {
      for (String[] e : enums) {
        assertThat(e[1]).as("%s declares an enum named like the shared %s: use village.events.vocabulary", e[0], shared.getName())
            .isNotEqualTo(shared.getSimpleName());
        assertThat(e[2]).as("%s declares %s with the constants of the shared %s", e[0], e[1], shared.getName())
            .isNotEqualTo(names(shared).toString());
      }
    }
  }

  private static List<String> constants(String body) {
    return Arrays.stream(body.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** Golden file field → its vocabulary (a list field: each element). */
  private static final Map<String, Class<? extends Enum<?>>> FIELDS = Map.of("source", FundSource.class,
      "industry", Industry.class, "scaleUnit", ScaleUnit.class, "status", ProjectStatus.class, "from", ProjectStatus.class,
      "to", ProjectStatus.class, "organizationType", OrganizationType.class, "category", Category.class,
      "focus", Category.class, "kind", VillageKind.class);

  @Test
  void everyEnumeratedFieldOfTheGoldenFilesIsInTheVocabulary() throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    List<String> checked = new ArrayList<>();
    for (String type : EventTypes.names()) {
      Class<?> cls = EventTypes.resolve(type, 1).orElseThrow();
      String resource = "events/" + cls.getPackageName().substring("village.events.".length()) + "/" + type + ".v1.json";
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        JsonNode data = json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)).get("data");
        for (var field : FIELDS.entrySet()) {
          JsonNode v = data.get(field.getKey());
          if (v == null || v.isNull()) continue;
          for (JsonNode one : v.isArray() ? v.values() : List.of(v)) {
            assertThat(names(field.getValue())).as("%s.%s", type, field.getKey()).contains(one.asString());
            checked.add(type + "." + field.getKey());
          }
        }
      }
    }
    assertThat(checked).contains("FundCommitted.source", "ProjectRegistered.industry", "ProjectRegistered.scaleUnit",
        "ProjectStatusChanged.to", "PartnershipRegistered.organizationType", "NeedPosted.category", "VillageRegistered.kind");
  }

  @Test
  void parseKnowsOnlyTheNames() {
    assertThat(Vocabulary.parse(FundSource.class, "FISCAL")).contains(FundSource.FISCAL);
    assertThat(Vocabulary.parse(FundSource.class, "fiscal")).isEmpty();
    assertThat(Vocabulary.parse(FundSource.class, "LOTTERY")).isEmpty();
    assertThat(Vocabulary.parse(FundSource.class, null)).isEmpty();
  }

  private static List<String> names(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
  }
}
