package village.support.persistence;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import village.support.web.PageQuery;
import village.support.web.PageResponse;

/**
 * A page of a collection read by the database: one count and one find with skip and limit, never the whole
 * filtered collection. The sort must end in a unique field (e.g. {@code _id}) so that pages neither repeat nor skip.
 */
public final class MongoPages {
  private MongoPages() {}

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
}
