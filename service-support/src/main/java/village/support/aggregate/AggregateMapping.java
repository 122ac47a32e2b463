package village.support.aggregate;

import org.bson.Document;

/**
 * How one aggregate type is stored: its state as a document ({@code _id}, {@code version} and its own fields — never
 * {@code history} or {@code outbox}, which {@link AggregateCollection} keeps) and back.
 */
public interface AggregateMapping<A extends Aggregate> {
  Document toDocument(A aggregate);

  A fromDocument(Document document);
}
