package village.partnership.matching;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** A need's status and township, by id (for the suggestions of one need). */
@Component
class NeedLookup {
  record Found(String id, String status, String township) {}

  private final MongoCollection<Document> needs;

  NeedLookup(MongoDatabase db) {
    this.needs = db.getCollection("needs");
  }

  Optional<Found> find(String id) {
    Document d = needs.find(eq("_id", id)).projection(new Document("status", 1).append("township", 1)).first();
    return d == null ? Optional.empty() : Optional.of(new Found(id, d.getString("status"), d.getString("township")));
  }
}
