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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import village.events.EventTypes;

/**
 * The shared vocabulary equals what the producers write: the values of each producer's own enumeration (each row
 * of {@link #producerCopies} is removed when its producer moves to this vocabulary; a file that is gone fails), and every enumerated
 * field of the golden event files is a value of the vocabulary.
 */
class VocabularyTest {
  /** A producer's own copy of a vocabulary enumeration, by source file (relative to the repository root). */
  static Stream<Object[]> producerCopies() {
    return Stream.of(
        new Object[] {FundSource.class, "funds-service/src/main/java/village/funds/fund/Source.java"},
        new Object[] {Industry.class, "project-service/src/main/java/village/project/projects/Industry.java"},
        new Object[] {ScaleUnit.class, "project-service/src/main/java/village/project/projects/ScaleUnit.java"},
        new Object[] {ProjectStatus.class, "project-service/src/main/java/village/project/projects/ProjectStatus.java"},
        new Object[] {OrganizationType.class,
            "partnership-service/src/main/java/village/partnership/organizations/OrganizationType.java"},
        new Object[] {Category.class, "partnership-service/src/main/java/village/partnership/support/Category.java"},
        new Object[] {VillageKind.class, "partnership-service/src/main/java/village/partnership/villages/VillageKind.java"});
  }

  private static final Pattern CONSTANTS = Pattern.compile("\\benum\\s+\\w+\\s*\\{([^;}]*)[;}]");

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("producerCopies")
  void equalsTheProducersOwnEnumeration(Class<? extends Enum<?>> shared, String file) throws IOException {
    Path source = Path.of("..").resolve(file);
    assertThat(source).as("%s: once the producer uses the shared %s, remove its row here", file, shared.getSimpleName()).exists();
    Matcher m = CONSTANTS.matcher(Files.readString(source));
    assertThat(m.find()).as("an enum in %s", file).isTrue();
    List<String> producer = Arrays.stream(m.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    assertThat(names(shared)).as("%s against %s", shared.getSimpleName(), file).containsExactlyElementsOf(producer);
  }

  @Test
  void theCopiesAreAllListed() {
    assertThat(producerCopies().map(a -> a[0])).containsExactlyInAnyOrderElementsOf(Vocabulary.ALL);
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
