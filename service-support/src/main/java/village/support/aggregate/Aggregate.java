package village.support.aggregate;

/** An aggregate as {@link AggregateCollection} knows it: its id (the document's {@code _id}) and its version. A record with components {@code id} and {@code version} is one already. */
public interface Aggregate {
  Object id();

  long version();
}
