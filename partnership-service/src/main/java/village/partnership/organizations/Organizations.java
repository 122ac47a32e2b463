package village.partnership.organizations;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;
import village.events.Topics;
import village.partnership.support.RecordChanges;
import village.support.aggregate.AggregateCollection;
import village.support.aggregate.AggregateMapping;
import village.support.outbox.OutboxEvents;
import village.support.persistence.FilterIndexes;
import village.support.persistence.MongoPages;
import village.support.web.PageQuery;
import village.support.web.PageResponse;

/**
 * {@code organizations}: one document per organization (unique {@code creditCode}), its resources inside it, stored by
 * the shared {@link AggregateCollection}; {@code resourceCount} is kept beside them.
 */
@Component
public class Organizations implements AggregateMapping<Organization> {
  static final String COLLECTION = "organizations";
  private final AggregateCollection<Organization> store;

  Organizations(MongoDatabase db, OutboxEvents events, RecordChanges changes, Clock clock) {
    this.store = new AggregateCollection<>(db, COLLECTION, "Organization", Topics.PARTNERSHIPS, this, events, clock);
    FilterIndexes.ensure(store.collection(), true, "type");
    store.collection().createIndex(Indexes.ascending("creditCode"), new IndexOptions().unique(true).name("creditCode_unique"));
    store.onWritten(id -> changes.changed());
  }

  /** Where organizations are read, stored and changed. */
  AggregateCollection<Organization> store() {
    return store;
  }

  public Optional<Organization> find(String id) {
    return store.find(id);
  }

  PageResponse<Organization> list(String type, PageQuery page) {
    return store.page(MongoPages.equalTo("type", type), Sorts.ascending("createdAt", "_id"), page, "resources");
  }

  @Override
  public Document toDocument(Organization o) {
    return new Document("_id", o.id()).append("name", o.name()).append("type", o.type()).append("creditCode", o.creditCode())
        .append("contact", o.contact() == null ? null
            : new Document("name", o.contact().name()).append("phone", o.contact().phone()))
        .append("version", o.version()).append("resourceCount", o.resources().size())
        .append("resources", o.resources().stream().map(r -> new Document("id", r.id()).append("category", r.category())
            .append("title", r.title()).append("description", r.description()).append("offeredAt", Date.from(r.offeredAt()))
            .append("offeredBy", r.offeredBy())).toList())
        .append("createdAt", Date.from(o.createdAt())).append("createdBy", o.createdBy()).append("fingerprint", o.fingerprint());
  }

  @Override
  public Organization fromDocument(Document d) {
    Document c = d.get("contact", Document.class);
    String id = d.getString("_id");
    List<Organization.Resource> resources = d.getList("resources", Document.class, List.of()).stream()
        .map(r -> new Organization.Resource(r.getString("id"), id, r.getString("category"), r.getString("title"),
            r.getString("description"), r.getDate("offeredAt").toInstant(), r.getString("offeredBy")))
        .toList();
    return new Organization(id, d.getString("name"), d.getString("type"), d.getString("creditCode"),
        c == null ? null : new Organization.Contact(c.getString("name"), c.getString("phone")),
        ((Number) d.get("version")).longValue(), d.getDate("createdAt").toInstant(), resources, d.getString("createdBy"),
        d.getString("fingerprint"));
  }
}
