package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every setting a user may set is documented: {@code docs/CONFIGURATION.md} is rendered from the metadata Boot's
 * configuration processor writes for each module's {@code @ConfigurationProperties}
 * ({@code target/classes/META-INF/spring-configuration-metadata.json}), so a property added, renamed or given another
 * default fails this test until the document says so. When it fails, the rendering it expected is in
 * {@code acceptance/target/CONFIGURATION.md}: review it and copy it over {@code docs/CONFIGURATION.md}.
 */
class ConfigurationDocumentedTest {
  static final List<String> MODULES = List.of("service-support", "gateway", "partnership-service", "project-service",
      "funds-service", "reporting-service", "identity-service", "import-service");

  @Test
  void theConfigurationDocumentListsEverySettingWithItsDefault() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.isRegularFile(root.resolve("village"))) root = root.getParent();
    String expected = render(root);
    Path out = Path.of("target", "CONFIGURATION.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, expected, StandardCharsets.UTF_8);
    Path doc = root.resolve("docs/CONFIGURATION.md");
    assertThat(doc).as("docs/CONFIGURATION.md (copy acceptance/target/CONFIGURATION.md there)").isRegularFile();
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as("docs/CONFIGURATION.md is behind the code's settings: review acceptance/target/CONFIGURATION.md and copy it there")
        .isEqualTo(expected);
    assertThat(Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8)).contains("docs/CONFIGURATION.md");
  }

  static String render(Path root) throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    StringBuilder md = new StringBuilder("""
        # Configuration: every setting

        Generated from the metadata of Boot's configuration processor (`ConfigurationDocumentedTest` fails when this
        file is behind the code). Each setting can be given as a Spring property or as the environment variable beside
        it (relaxed binding); the README's configuration section explains the ones a user usually sets and the
        launcher's own variables. `service-support`'s settings apply to every service (the gateway has its own).
        A service's `application.yml` may set another default from a named variable (e.g. `MONGODB_DATABASE`,
        `*_SERVICE_URL`): the README lists those.
        """);
    for (String module : MODULES) {
      Path file = root.resolve(module).resolve("target/classes/META-INF/spring-configuration-metadata.json");
      if (!Files.isRegularFile(file)) {
        assertThat(declaresProperties(root.resolve(module).resolve("src/main/java")))
            .as("the configuration metadata of " + module + " (build the modules first: mvn verify from the root)").isFalse();
        continue;
      }
      List<String> rows = new ArrayList<>();
      for (JsonNode p : json.readTree(file.toFile()).path("properties")) {
        String name = p.path("name").asString();
        JsonNode d = p.path("defaultValue");
        String value = d.isMissingNode() || d.isNull() ? "" : d.isArray() ? join(d) : d.asString();
        rows.add("| `" + name + "` | `" + environmentVariable(name) + "` | " + type(p.path("type").asString()) + " | "
            + (value.isEmpty() ? "–" : "`" + value + "`") + " |");
      }
      if (rows.isEmpty()) continue;
      rows.sort(null);
      md.append("\n## ").append(module).append("\n\n| setting | environment variable | type | default |\n|---|---|---|---|\n");
      rows.forEach(r -> md.append(r).append('\n'));
    }
    return md.toString();
  }

  private static boolean declaresProperties(Path sources) throws IOException {
    try (var files = Files.walk(sources)) {
      return files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> {
        try {
          return Files.readString(f).contains("@ConfigurationProperties(");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
  }

  /** Spring's relaxed form: dots to underscores, dashes removed, upper case. */
  static String environmentVariable(String property) {
    return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static String type(String javaType) {
    String t = javaType.replaceAll("[a-z0-9_.]+\\.([A-Z])", "$1").replace('$', '.');
    return t.replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String join(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(v -> parts.add(v.asString()));
    return String.join(",", parts);
  }
}
