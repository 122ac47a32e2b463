package village.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import org.bson.Document;
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
}
