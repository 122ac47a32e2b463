package village.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import village.devstack.RealInfrastructure;
import village.support.web.PageQuery;
import village.support.web.PageResponse;

/**
 * A page of an array inside a document, sliced and counted by the database, through the real driver against
 * mongo-java-server (or the MongoDB of {@code MONGODB_URI}).
 */
class MongoPagesIT {
  static MongoClient client;
  final MongoCollection<Document> collection = client.getDatabase("village").getCollection("arrays" + System.nanoTime());

  @BeforeAll
  static void connect() {
    client = MongoClients.create(RealInfrastructure.mongoUri());
  }

  @AfterAll
  static void close() {
    client.close();
  }

  PageResponse<Integer> page(String id, int page, int size) {
    return MongoPages.pageOfArray(collection, Filters.eq("_id", id), "entries", PageQuery.of(page, size), d -> d.getInteger("n"))
        .orElseThrow();
  }

  @Test
  void anArrayOf25IsPagedBySlicesOf10WithItsSizeAsTheTotal() {
    collection.insertOne(new Document("_id", "a").append("other", "x")
        .append("entries", IntStream.rangeClosed(1, 25).mapToObj(n -> new Document("n", n)).toList()));
    collection.insertOne(new Document("_id", "b").append("entries", List.of(new Document("n", 99))));

    assertThat(page("a", 0, 10)).isEqualTo(new PageResponse<>(IntStream.rangeClosed(1, 10).boxed().toList(), 0, 10, 25));
    assertThat(page("a", 1, 10)).isEqualTo(new PageResponse<>(IntStream.rangeClosed(11, 20).boxed().toList(), 1, 10, 25));
    assertThat(page("a", 2, 10)).isEqualTo(new PageResponse<>(IntStream.rangeClosed(21, 25).boxed().toList(), 2, 10, 25));
    assertThat(page("a", 3, 10)).as("past the end").isEqualTo(new PageResponse<>(List.of(), 3, 10, 25));
    assertThat(page("a", 100, 500)).as("far past the end").isEqualTo(new PageResponse<>(List.of(), 100, 500, 25));
    assertThat(page("b", 0, 10)).as("another document's array").isEqualTo(new PageResponse<>(List.of(99), 0, 10, 1));
  }

  @Test
  void aMissingArrayIsEmptyAndAMissingDocumentIsNoPage() {
    collection.insertOne(new Document("_id", "none"));
    assertThat(page("none", 0, 10)).isEqualTo(new PageResponse<>(List.of(), 0, 10, 0));
    assertThat(MongoPages.pageOfArray(collection, Filters.eq("_id", "absent"), "entries", PageQuery.of(0, 10), d -> d)).isEmpty();
  }
}
