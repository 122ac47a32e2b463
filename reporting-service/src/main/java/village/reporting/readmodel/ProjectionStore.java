package village.reporting.readmodel;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import village.events.vocabulary.FundSource;
import village.events.vocabulary.Industry;
import village.events.vocabulary.OrganizationType;
import village.events.vocabulary.ProjectStatus;
import village.events.vocabulary.ScaleUnit;
import village.reporting.readmodel.Entities.Entity;

/**
 * The read model's own database: {@code projections} holds each aggregate's record and last applied sequence
 * ({@code _id = kind:id}), written before the event's offset is committed; on start-up the in-memory model is loaded
 * from it. Only {@code _id} look-ups and full loads: nothing here relies on secondary indexes.
 */
public final class ProjectionStore {
  private final MongoCollection<Document> projections;

  public ProjectionStore(MongoDatabase db) {
    this(db, "projections");
  }

  /** A store in its own collection (one per read-model generation, see StatsConsumer). */
  public ProjectionStore(MongoDatabase db, String collection) {
    this.projections = db.getCollection(collection);
  }

  /** Stores many records in one unordered bulk write (at most one change per key). */
  public void saveAll(java.util.Collection<Projection.Change> changes) {
    if (changes.isEmpty()) return;
    List<com.mongodb.client.model.WriteModel<Document>> writes = new java.util.ArrayList<>(changes.size());
    for (Projection.Change c : changes) {
      writes.add(new com.mongodb.client.model.ReplaceOneModel<>(eq("_id", c.key()), toDocument(c), new ReplaceOptions().upsert(true)));
    }
    projections.bulkWrite(writes, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
  }

  /** Loads every stored record into {@code model}; returns how many. */
  public int loadInto(Projection model) {
    int n = 0;
    for (Document d : projections.find()) {
      model.commit(fromDocument(d));
      n++;
    }
    return n;
  }

  public void drop() {
    projections.drop();
  }

  static Document toDocument(Projection.Change c) {
    Document d = new Document("_id", c.key()).append("seq", c.sequence());
    Entity e = c.entity();
    if (e instanceof Entities.VillageEntry v) {
      d.append("t", "V").append("code", v.code()).append("name", v.name()).append("kind", v.kind()).append("township", v.township());
    } else if (e instanceof Entities.Partnership p) {
      d.append("t", "P").append("village", p.villageCode()).append("township", p.township())
          .append("orgType", name(p.organizationType())).append("active", p.active());
    } else if (e instanceof Entities.Need n) {
      d.append("t", "N").append("village", n.villageCode()).append("township", n.township()).append("resolved", n.resolved())
          .append("claimed", n.claimed());
    } else if (e instanceof Entities.Project p) {
      d.append("t", "J").append("villages", p.villageCodes()).append("industry", name(p.industry())).append("status", name(p.status()))
          .append("scaleMilli", p.scaleMilli()).append("unit", name(p.unit()));
    } else if (e instanceof Entities.Fund f) {
      Document ds = new Document();
      f.disbursements().forEach((id, x) -> ds.append(id.replace('.', '_').replace('$', '_'),
          new Document("id", id).append("fen", x.fen()).append("year", x.year()).append("reversed", x.reversed())));
      d.append("t", "F").append("source", name(f.source())).append("village", f.villageCode()).append("township", f.township())
          .append("committedFen", f.committedFen()).append("year", f.committedYear()).append("disbursements", ds);
    } else if (e instanceof Entities.Income i) {
      d.append("t", "I").append("village", i.villageCode()).append("township", i.township()).append("year", i.year())
          .append("fen", i.fen());
    } else {
      d.append("t", "O");
    }
    return d;
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  /** A stored constant (stored only after the projection parsed it; "" was the no-source of a fund known only by disbursements). */
  private static <E extends Enum<E>> E constant(Class<E> type, String name) {
    return name == null || name.isEmpty() ? null : Enum.valueOf(type, name);
  }

  static Projection.Change fromDocument(Document d) {
    long seq = ((Number) d.get("seq")).longValue();
    Entity e = switch (d.getString("t")) {
      case "V" -> new Entities.VillageEntry(d.getString("code"), d.getString("name"), d.getString("kind"), d.getString("township"));
      case "P" -> new Entities.Partnership(d.getString("village"), d.getString("township"),
          constant(OrganizationType.class, d.getString("orgType")), d.getBoolean("active"));
      case "N" -> new Entities.Need(d.getString("village"), d.getString("township"), d.getBoolean("resolved"),
          d.getBoolean("claimed", false));
      case "J" -> new Entities.Project(d.getList("villages", String.class, List.of()),
          constant(Industry.class, d.getString("industry")), constant(ProjectStatus.class, d.getString("status")),
          ((Number) d.get("scaleMilli")).longValue(), constant(ScaleUnit.class, d.getString("unit")), null);
      case "F" -> {
        Map<String, Entities.Disbursement> ds = new LinkedHashMap<>();
        Document stored = d.get("disbursements", Document.class);
        if (stored != null) {
          for (Object o : stored.values()) {
            Document x = (Document) o;
            ds.put(x.getString("id"), new Entities.Disbursement(((Number) x.get("fen")).longValue(), x.getInteger("year"),
                x.getBoolean("reversed")));
          }
        }
        yield new Entities.Fund(constant(FundSource.class, d.getString("source")), d.getString("village"), d.getString("township"),
            ((Number) d.get("committedFen")).longValue(), d.getInteger("year"), ds);
      }
      case "I" -> new Entities.Income(d.getString("village"), d.getString("township"), d.getInteger("year"),
          ((Number) d.get("fen")).longValue());
      default -> new Entities.Other();
    };
    return new Projection.Change(d.getString("_id"), seq, e);
  }
}
