package village.support.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import village.support.web.PageQuery;
import village.support.web.PageResponse;

/**
 * A page of a collection read by the database: one count and one find with skip and limit, never the whole
 * filtered collection. The sort must end in a unique field (e.g. {@code _id}) so that pages neither repeat nor skip.
 * A page of an array inside one document (an aggregate's history, a project's progress reports) is read the same way:
 * the database slices the array and counts it ({@link #pageOfArray}), the rest of the document is never read.
 */
public final class MongoPages {
  private MongoPages() {}

  /**
   * The filter of a list query: each {@code field, value} pair whose value is set must match; no pair set matches
   * everything. Example: {@code equalTo("source", source, "projectId", projectId)}.
   */
  public static Bson equalTo(Object... fieldValuePairs) {
    List<Bson> filters = new ArrayList<>();
    for (int i = 0; i + 1 < fieldValuePairs.length; i += 2) {
      if (fieldValuePairs[i + 1] != null) filters.add(Filters.eq((String) fieldValuePairs[i], fieldValuePairs[i + 1]));
    }
    return filters.isEmpty() ? new Document() : Filters.and(filters);
  }

  public static <T> PageResponse<T> page(MongoCollection<Document> collection, Bson filter, Bson projection, Bson sort,
                                         PageQuery query, Function<Document, T> map) {
    long total = collection.countDocuments(filter);
    List<T> items = new ArrayList<>();
    if (query.offset() < total) {
      collection.find(filter).projection(projection).sort(sort).skip(query.offset()).limit(query.size())
          .forEach(d -> items.add(map.apply(d)));
    }
    return new PageResponse<>(items, query.page(), query.size(), total);
  }

  /**
   * A page of the array {@code field} of the one document matching {@code filter}, in the array's order (oldest first
   * for what is appended): one aggregation {@code $project}ing {@code $slice: [array, skip, limit]} and {@code $size}
   * (a missing array is empty). Empty when no document matches.
   */
  public static <T> Optional<PageResponse<T>> pageOfArray(MongoCollection<Document> collection, Bson filter, String field,
                                                          PageQuery query, Function<Document, T> map) {
    Document array = new Document("$ifNull", List.of("$" + field, List.of()));
    Document projection = new Document("_id", 0).append("total", new Document("$size", array))
        .append("items", new Document("$slice", List.of(array, query.offset(), query.size())));
    Document d = collection.aggregate(List.of(new Document("$match", filter), new Document("$limit", 1),
        new Document("$project", projection))).first();
    if (d == null) return Optional.empty();
    List<T> items = d.getList("items", Document.class, List.of()).stream().map(map).toList();
    return Optional.of(new PageResponse<>(items, query.page(), query.size(), ((Number) d.get("total")).longValue()));
  }
}
