package village.identity.clients;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.Problems;
import village.support.persistence.MongoPages;

/** The machine clients, collection {@code clients} ({@code _id} = client id), each with its history. */
@Component
public class ApiClients {
  private final MongoCollection<Document> clients;

  ApiClients(MongoDatabase db) {
    this.clients = db.getCollection("clients");
  }

  public Optional<ApiClient> find(String clientId) {
    if (clientId == null) return Optional.empty();
    return Optional.ofNullable(clients.find(eq("_id", clientId)).projection(Projections.exclude("history")).first()).map(ApiClient::of);
  }

  void insert(ApiClient c) {
    clients.insertOne(c.toDocument().append("history", List.of(history(1, c.createdAt(), c.createdBy(), "REGISTERED"))));
  }

  ApiClient setEnabled(String clientId, boolean enabled, String actor, Instant at) {
    ApiClient c = find(clientId).orElseThrow(() -> Problems.notFound("Client", clientId));
    if (c.enabled() == enabled) return c;
    Document d = clients.findOneAndUpdate(and(eq("_id", clientId), eq("version", c.version())),
        combine(set("enabled", enabled), inc("version", 1), push("history", history((int) c.version() + 1, at, actor, enabled ? "ENABLED" : "DISABLED"))),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(Projections.exclude("history")));
    if (d == null) throw Problems.conflict("concurrent-change", "Changed meanwhile", "Client '" + clientId + "' was changed meanwhile.");
    return ApiClient.of(d);
  }

  /** A page of the clients, oldest first, read by the database. */
  PageResponse<ApiClient> list(PageQuery page) {
    return MongoPages.page(clients, new Document(), Projections.exclude("history", "secretHash"),
        Sorts.ascending("createdAt", "_id"), page, ApiClient::of);
  }

  private static Document history(int version, Instant at, String actor, String action) {
    return new Document("version", version).append("at", Date.from(at)).append("actor", actor).append("action", action)
        .append("details", new Document());
  }
}
