package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI documents the console is built against ({@code console/openapi/*.json}, from which its API types are
 * generated) are the ones the services serve now: a contract change fails this build until the documents are
 * refreshed and the console compiles against them (copy {@code acceptance/target/openapi-served/*.json} over them).
 */
class ConsoleApiDocumentsIT {
  private static final List<String> SERVICES = List.of("partnership", "project", "funds", "reporting", "identity", "import");

  @Test
  void theConsolesDocumentsAreTheServedOnes() throws IOException {
    RunningSystem system = RunningSystem.get();
    Path committed = repoRoot().resolve("console/openapi");
    Path served = Path.of("target", "openapi-served");
    Files.createDirectories(served);
    java.util.List<String> stale = new java.util.ArrayList<>();
    for (String service : SERVICES) { // every document written first, so one run gives all that changed
      Http.Response r = system.http.get("/openapi/" + service, null);
      assertThat(r.status()).as(service + ": " + r).isEqualTo(200);
      JsonNode now = r.body();
      Files.writeString(served.resolve(service + ".json"), Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(now) + "\n");
      Path file = committed.resolve(service + ".json");
      assertThat(file).as("console/openapi/" + service + ".json").exists();
      if (!Http.JSON.readTree(Files.readString(file)).equals(now)) stale.add(service + ".json");
    }
    assertThat(stale).as("console/openapi documents that are not what the services serve now: copy them from "
        + served.toAbsolutePath() + " and rebuild the console").isEmpty();
  }

  static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("village")) && Files.isDirectory(p.resolve("console"))) return p;
    }
    throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
  }
}
