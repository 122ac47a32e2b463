package village.support.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

/**
 * The indexes a real MongoDB needs for a collection's list filters and its list order, created at start-up
 * (creating an index that exists is a no-op). The embedded mongo-java-server ignores non-unique indexes (it scans),
 * so these matter only for a real MongoDB.
 */
public final class FilterIndexes {
  private FilterIndexes() {}

  /** One ascending index per filter field, and one on {@code (createdAt, _id)} if {@code sortedByCreation}. */
  public static void ensure(MongoCollection<Document> collection, boolean sortedByCreation, String... filterFields) {
    for (String field : filterFields) {
      collection.createIndex(Indexes.ascending(field), new IndexOptions().name(field + "_filter"));
    }
    if (sortedByCreation) collection.createIndex(Indexes.ascending("createdAt", "_id"), new IndexOptions().name("createdAt_order"));
  }
}
