package village.partnership.villages;

import org.bson.Document;

/** A village or community of the register: its code, name, kind and the township and county it belongs to. */
public record Village(String code, String name, String kind, String township, String county, long version) {
  static Village of(Document d) {
    return new Village(d.getString("_id"), d.getString("name"), d.getString("kind"), d.getString("township"),
        d.getString("county"), ((Number) d.get("version")).longValue());
  }
}
