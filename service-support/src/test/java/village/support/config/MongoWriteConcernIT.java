package village.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import village.devstack.MongoWireServer;

/** The services' Mongo client (defaults bound as Spring binds them) writes with w=majority, j=true; mongo-java-server accepts it. */
class MongoWriteConcernIT {

  @Test
  void theDefaultJournaledMajorityWriteConcernIsAcceptedByTheLocalServer(@TempDir Path dir) {
    MongoWireServer server = MongoWireServer.startH2(dir.resolve("wc.mv"), 0);
    try {
      var source = new MapConfigurationPropertySource(java.util.Map.of("village.mongodb.uri", server.connectionString()));
      VillageProperties props = new Binder(source).bindOrCreate("village", VillageProperties.class);
      assertThat(props.mongodb().writeConcern()).isEqualTo("majority");
      assertThat(props.mongodb().journal()).isTrue();
      try (MongoClient client = new InfrastructureConfiguration().mongoClient(props, new MongoWrites())) {
        MongoCollection<Document> c = client.getDatabase("village").getCollection("concerned");
        assertThat(c.getWriteConcern()).isEqualTo(WriteConcern.MAJORITY.withJournal(true));
        c.insertOne(new Document("_id", "p-1").append("amount", 100));
        assertThat(c.updateOne(Filters.eq("_id", "p-1"), Updates.inc("amount", 5)).getModifiedCount()).isEqualTo(1);
        assertThat(c.findOneAndUpdate(Filters.eq("_id", "p-1"), Updates.inc("amount", 1))).isNotNull();
        assertThat(c.find(Filters.eq("_id", "p-1")).first().getInteger("amount")).isEqualTo(106);
        assertThat(c.deleteOne(Filters.eq("_id", "p-1")).getDeletedCount()).isEqualTo(1);
      }
    } finally {
      server.stop();
    }
  }
}
