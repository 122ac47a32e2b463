package village.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write survives {@code kill -9} of the local Mongo-wire server: the server runs as a child process
 * on an H2 file, exactly as {@code ./village up} starts it ({@code DevStack mongo --port P --data FILE}); concurrent
 * writers (the real driver) insert documents, bump counters ({@code $inc}) and push to arrays
 * ({@code findOneAndUpdate}), recording every write the server acknowledged; the process is SIGKILLed while they
 * write, restarted on the same file, and every acknowledged write must be there. Three kills on the same file.
 */
class DurableAcknowledgementIT {
  private static final int WRITERS = 8;
  private static final int KILLS = 3;
  private static final int ACKS_BEFORE_KILL = 300;
  private static final Pattern READY = Pattern.compile("READY mongo (mongodb://\\S+)");

  /** _ids of acknowledged inserts. */
  private final Set<String> inserted = ConcurrentHashMap.newKeySet();
  /** writer counter document → the highest acknowledged value of its {@code n} ($inc by 1). */
  private final Map<String, Integer> counted = new ConcurrentHashMap<>();
  /** writer counter document → the highest acknowledged value of {@code m} (findOneAndUpdate $inc, value returned). */
  private final Map<String, Integer> modified = new ConcurrentHashMap<>();

  @Test
  void everyAcknowledgedWriteSurvivesKillMinus9(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mongo/village.mv");
    for (int round = 1; round <= KILLS; round++) {
      Process mongo = start(file, dir.resolve("mongo-" + round + ".log"));
      String uri = awaitReady(mongo, dir.resolve("mongo-" + round + ".log"));
      if (round > 1) {
        assertAllAcknowledgedWritesPresent(uri, "after kill " + (round - 1));
      }
      AtomicInteger acks = new AtomicInteger();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int round0 = round;
        int writer = w;
        writers.add(Thread.ofPlatform().name("writer-" + w).start(() -> write(uri, round0, writer, acks)));
      }
      int atStart = acks.get();
      await().atMost(Duration.ofMinutes(2)).until(() -> acks.get() - atStart >= ACKS_BEFORE_KILL
          || writers.stream().noneMatch(Thread::isAlive));
      assertThat(writers).as("writers still writing at the kill").anyMatch(Thread::isAlive);
      mongo.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close of the MVStore
      assertThat(mongo.waitFor(30, TimeUnit.SECONDS)).isTrue();
      for (Thread t : writers) {
        t.join(Duration.ofMinutes(1).toMillis());
        assertThat(t.isAlive()).as(t.getName() + " stopped after the kill").isFalse();
      }
      System.out.printf("kill %d: %d acknowledged writes in the round, %d inserts in all%n", round, acks.get(),
          inserted.size());
    }
    Process mongo = start(file, dir.resolve("mongo-last.log"));
    try {
      assertAllAcknowledgedWritesPresent(awaitReady(mongo, dir.resolve("mongo-last.log")), "after kill " + KILLS);
    } finally {
      mongo.destroy(); // SIGTERM: a clean stop
      mongo.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Writes until the server goes away; records each acknowledged write. */
  private void write(String uri, int round, int writer, AtomicInteger acks) {
    String counter = "counter-" + writer;
    MongoClientSettings settings = MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .retryWrites(false) // a write that failed is simply not acknowledged
        .applyToClusterSettings(c -> c.serverSelectionTimeout(2, TimeUnit.SECONDS))
        .applyToSocketSettings(s -> s.connectTimeout(2, TimeUnit.SECONDS).readTimeout(20, TimeUnit.SECONDS))
        .build();
    try (MongoClient client = MongoClients.create(settings)) {
      MongoCollection<Document> docs = client.getDatabase("village").getCollection("acknowledged");
      MongoCollection<Document> counters = client.getDatabase("village").getCollection("counters");
      int n = counted.getOrDefault(counter, 0);
      for (int i = 0; ; i++) {
        String id = "r" + round + "-w" + writer + "-" + i;
        docs.insertOne(new Document("_id", id).append("amount", i).append("note", "村 " + writer));
        inserted.add(id);
        acks.incrementAndGet();
        counters.updateOne(Filters.eq("_id", counter), Updates.inc("n", 1), new UpdateOptions().upsert(true));
        counted.put(counter, ++n); // each writer owns its counter: the value its acknowledged $inc produced
        acks.incrementAndGet();
        Document after = counters.findOneAndUpdate(Filters.eq("_id", counter), Updates.inc("m", 1),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        modified.put(counter, after.getInteger("m"));
        acks.incrementAndGet();
      }
    } catch (RuntimeException serverGone) {
      // the kill: this write is not acknowledged (it may or may not be on disk)
    }
  }

  private void assertAllAcknowledgedWritesPresent(String uri, String when) {
    try (MongoClient client = MongoClients.create(uri)) {
      Set<String> present = new HashSet<>();
      for (Document d : client.getDatabase("village").getCollection("acknowledged").find().projection(Projections.include("_id"))) {
        present.add(d.getString("_id"));
      }
      Set<String> lost = new HashSet<>(inserted);
      lost.removeAll(present);
      assertThat(lost).as(when + ": acknowledged inserts missing (of " + inserted.size() + ")").isEmpty();
      Map<String, Document> counters = new ConcurrentHashMap<>();
      for (Document d : client.getDatabase("village").getCollection("counters").find()) {
        counters.put(d.getString("_id"), d);
      }
      counted.forEach((id, n) -> {
        assertThat(counters.get(id)).as(when + ": " + id).isNotNull();
        assertThat(counters.get(id).getInteger("n")).as(when + ": acknowledged $inc of " + id).isGreaterThanOrEqualTo(n);
      });
      modified.forEach((id, m) -> assertThat(counters.get(id).getInteger("m", 0))
          .as(when + ": acknowledged findOneAndUpdate of " + id).isGreaterThanOrEqualTo(m));
    }
  }

  /** As the launcher's start_component: {@code java -cp <dev-stack classpath> village.devstack.DevStack mongo ...}. */
  private static Process start(Path file, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(java, "-Xmx256m", "-Dvillage.component=mongo", "-cp", System.getProperty("java.class.path"),
        "village.devstack.DevStack", "mongo", "--port", "0", "--data", file.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static String awaitReady(Process process, Path log) {
    String[] uri = new String[1];
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError("mongo exited with " + process.exitValue() + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
      Matcher m = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        uri[0] = m.group(1);
        return true;
      }
      return false;
    });
    return uri[0];
  }
}
