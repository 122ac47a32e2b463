package village.partnership.villages;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;
import village.events.partnership.VillageRegistered;
import village.support.aggregate.Aggregate;
import village.support.aggregate.Change;

/**
 * A village or community of the register, the aggregate: its code (its id), name, kind and the township and county it
 * belongs to. Registering one decides its {@link Change}.
 */
public record Village(String code, String name, String kind, String township, String county, long version,
    @JsonIgnore Instant createdAt) implements Aggregate {

  @Override
  @JsonIgnore
  public String id() {
    return code;
  }

  /** A new village of the register, at version 1. */
  static Change<Village> register(String code, String name, String kind, String township, String county, Instant now) {
    Village v = new Village(code, name, kind, township, county, 1, now);
    return Change.of(v, new VillageRegistered(code, name, kind, township, county), "REGISTERED",
        Map.of("name", name, "township", township));
  }
}
