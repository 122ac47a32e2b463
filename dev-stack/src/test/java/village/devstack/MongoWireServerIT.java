package village.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.TunedH2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoWireServerIT {

  @Test
  void h2BackendKeepsDocumentsAcrossRestart(@TempDir Path dir) {
    Path file = dir.resolve("mongo/village.mv");
    long t0 = System.nanoTime();
    MongoWireServer server = MongoWireServer.startH2(file, 0);
    System.out.printf("mongo-java-server (H2) start: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    int port = server.port();
    try (MongoClient client = MongoClients.create(server.connectionString())) {
      client.getDatabase("village").getCollection("villages")
          .insertOne(new Document("_id", "CG001").append("name", "城关村").append("households", 412));
    }
    server.stop();

    MongoWireServer again = MongoWireServer.startH2(file, port);
    try (MongoClient client = MongoClients.create(again.connectionString())) {
      Document d = client.getDatabase("village").getCollection("villages").find(new Document("_id", "CG001")).first();
      assertThat(d).isNotNull();
      assertThat(d.getString("name")).isEqualTo("城关村");
      assertThat(d.getInteger("households")).isEqualTo(412);
    } finally {
      again.stop();
    }
    assertThat(again.connectionString()).isEqualTo("mongodb://127.0.0.1:" + port);
  }

  /**
   * The tuned backend keeps H2's file format and key order: a file written by mongo-java-server's own H2 backend is
   * read and extended by ours and the other way round, and each finds every key of the unique indexes (a unique
   * index with keys out of order would miss some, and let a duplicate in).
   */
  @Test
  void filesOfTheOriginalAndTheTunedBackendAreInterchangeable(@TempDir Path dir) {
    String file = dir.resolve("both.mv").toString();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 600; i++) codes.add(UUID.randomUUID().toString());
    try (Backend original = Backend.open(new H2Backend(MVStore.open(file)))) {
      var c = original.collection();
      c.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
      for (String code : codes.subList(0, 300)) c.insertOne(new Document("_id", "a-" + code).append("code", code));
    }
    try (Backend tuned = Backend.open(new TunedH2Backend(MVStore.open(file)))) {
      var c = tuned.collection();
      assertEveryCodeUniqueAndFound(c, codes.subList(0, 300));
      for (String code : codes.subList(300, 600)) c.insertOne(new Document("_id", "b-" + code).append("code", code));
      assertEveryCodeUniqueAndFound(c, codes);
    }
    try (Backend original = Backend.open(new H2Backend(MVStore.open(file)))) {
      assertEveryCodeUniqueAndFound(original.collection(), codes);
    }
  }

  private static void assertEveryCodeUniqueAndFound(MongoCollection<Document> c, List<String> codes) {
    assertThat(c.countDocuments()).isEqualTo(codes.size());
    for (String code : codes) {
      assertThat(c.find(Filters.eq("code", code)).first()).as(code).isNotNull();
      assertThatThrownBy(() -> c.insertOne(new Document("_id", "dup-" + code).append("code", code)))
          .as("duplicate %s", code).isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
    }
  }

  private record Backend(MongoServer server, MongoClient client, MongoBackend backend) implements AutoCloseable {
    static Backend open(MongoBackend backend) {
      MongoServer server = new MongoServer(backend);
      var address = server.bind();
      return new Backend(server, MongoClients.create("mongodb://127.0.0.1:" + address.getPort()), backend);
    }

    MongoCollection<Document> collection() {
      return client.getDatabase("compat").getCollection("organizations");
    }

    @Override
    public void close() {
      client.close();
      server.shutdown(); // closes the backend and its file
    }
  }

  @Test
  void inMemoryServerWorks() {
    long t0 = System.nanoTime();
    MongoWireServer server = MongoWireServer.startInMemory(0);
    System.out.printf("mongo-java-server (memory) start: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    try (MongoClient client = MongoClients.create(server.connectionString())) {
      var c = client.getDatabase("x").getCollection("y");
      c.insertOne(new Document("_id", 1));
      assertThat(c.countDocuments()).isEqualTo(1);
    } finally {
      server.stop();
    }
  }

  /**
   * Concurrent writers share syncs (group commit): fewer syncs than acknowledged writes, and every acknowledged
   * write is in the file after a restart. Writes with the services' default write concern (majority, journaled)
   * are accepted by mongo-java-server (it ignores the write concern).
   */
  @Test
  void concurrentWritesShareSyncsAndAcceptAJournaledMajorityWriteConcern(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("group.mv");
    MongoWireServer server = MongoWireServer.startH2(file, 0);
    int writers = 16;
    int each = 50;
    try (MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> c = client.getDatabase("village").getCollection("grouped")
          .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        threads.add(Thread.ofPlatform().start(() -> {
          for (int i = 0; i < each; i++) {
            c.insertOne(new Document("_id", writer + "-" + i).append("n", 0));
            c.updateOne(Filters.eq("_id", writer + "-" + i), Updates.inc("n", 1));
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(c.deleteOne(Filters.eq("_id", "0-0")).getDeletedCount()).isEqualTo(1);
      long syncs = server.groupCommit().syncs();
      System.out.printf("group commit: %d syncs for %d acknowledged writes%n", syncs, 2L * writers * each + 1);
      assertThat(syncs).isPositive().isLessThan(2L * writers * each);
    } finally {
      server.stop();
    }
    MongoWireServer again = MongoWireServer.startH2(file, 0);
    try (MongoClient client = MongoClients.create(again.connectionString())) {
      MongoCollection<Document> c = client.getDatabase("village").getCollection("grouped");
      assertThat(c.countDocuments()).isEqualTo((long) writers * each - 1);
      assertThat(c.countDocuments(Filters.eq("n", 1))).isEqualTo((long) writers * each - 1);
    } finally {
      again.stop();
    }
  }
}
