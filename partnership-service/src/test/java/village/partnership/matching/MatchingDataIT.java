package village.partnership.matching;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import village.devstack.MongoWireServer;
import village.partnership.support.RecordChanges;

/** The snapshot patched after need writes holds the same facts as one read afresh (real Mongo wire server). */
class MatchingDataIT {
  static MongoWireServer server;
  static MongoClient client;
  static MongoDatabase db;

  @BeforeAll
  static void start() throws Exception {
    server = MongoWireServer.startInMemory(SuggestionsTiming.freePort());
    client = MongoClients.create(server.connectionString());
    db = client.getDatabase("matching-data");
    SuggestionsTiming.fill(db, new java.util.ArrayList<>());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.stop();
  }

  @Test
  void aPatchedSnapshotEqualsAFreshRead() {
    RecordChanges changes = new RecordChanges();
    MatchingData data = new MatchingData(db, changes, Duration.ofHours(1), Duration.ofHours(2));
    MatchingData.Snapshot first = data.snapshot();
    assertThat(data.snapshot()).isSameAs(first); // nothing written: the same snapshot
    Random r = new Random(3);
    var needs = db.getCollection("needs");
    for (int i = 0; i < 300; i++) {
      String id = "n" + r.nextInt(SuggestionsTiming.NEEDS);
      Document n = needs.find(eq("_id", id)).first();
      String org = "o" + r.nextInt(SuggestionsTiming.ORGANIZATIONS);
      switch (n.getString("status")) {
        case "OPEN" -> needs.updateOne(eq("_id", id), combine(set("status", "CLAIMED"),
            set("claim", new Document("organizationId", org).append("claimedAt", new Date()))));
        case "CLAIMED" -> needs.updateOne(eq("_id", id), r.nextBoolean()
            ? combine(set("status", "OPEN"), set("claim", null), set("releasedBy", List.of(n.get("claim", Document.class).getString("organizationId"))))
            : combine(set("status", "RESOLVED"), set("partnershipId", "p" + r.nextInt(SuggestionsTiming.PAIRINGS))));
        default -> { }
      }
      changes.needChanged(id);
      if (i % 50 == 0) data.snapshot();
    }
    String posted = "n-new";
    needs.insertOne(new Document("_id", posted).append("villageCode", "T01V01").append("township", "镇1")
        .append("category", "INDUSTRY").append("title", "新需求").append("status", "OPEN").append("createdAt", new Date()));
    changes.needChanged(posted);

    MatchingData.Snapshot patched = data.snapshot();
    MatchingData.Snapshot fresh = data.read();
    assertThat(patched.needSequence()).isEqualTo(changes.needSequence());
    assertThat(patched.openNeeds()).containsKey(posted);
    assertThat(patched.openNeeds()).isEqualTo(fresh.openNeeds());
    assertThat(patched.needs()).isEqualTo(fresh.needs());
    assertThat(patched.organizations()).isEqualTo(fresh.organizations());
    assertThat(changes.needsChangedAfter(0).ids()).isEmpty(); // forgotten once applied

    changes.changed(); // a pairing or organization written here: read afresh
    assertThat(data.snapshot()).isNotSameAs(patched).satisfies(s -> assertThat(s.organizations()).isEqualTo(fresh.organizations()));
  }
}
