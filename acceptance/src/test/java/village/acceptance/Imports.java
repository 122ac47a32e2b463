package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/** Posting a workbook to {@code /api/imports} through the gateway as a clerk, and following the job to its end. */
final class Imports {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final RunningSystem system;
  private final String token;

  Imports(RunningSystem system, String token) {
    this.system = system;
    this.token = token;
  }

  /** Posts the file and follows the job until it is DONE or FAILED (within {@code limit}); the job's last state. */
  JsonNode run(byte[] file, boolean dryRun, Duration limit) {
    HttpResponse<byte[]> r = post(file, "township.xlsx", dryRun);
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(202);
    String location = r.headers().firstValue("Location").orElseThrow();
    AtomicReference<JsonNode> job = new AtomicReference<>();
    await().atMost(limit).pollInterval(Duration.ofMillis(300)).until(() -> {
      Http.Response j = system.http.get(location, token);
      job.set(j.body());
      String s = j.body() == null ? "" : j.body().path("status").asString("");
      return s.equals("DONE") || s.equals("FAILED");
    });
    return job.get();
  }

  JsonNode run(byte[] file, boolean dryRun) {
    return run(file, dryRun, Duration.ofMinutes(3));
  }

  HttpResponse<byte[]> post(byte[] file, String name, boolean dryRun) {
    String boundary = "----import" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
        + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create(system.gatewayUrl + "/api/imports?dryRun=" + dryRun))
        .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  HttpResponse<byte[]> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(system.gatewayUrl + path)).header("Authorization", "Bearer " + token).GET().build());
  }

  private static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
