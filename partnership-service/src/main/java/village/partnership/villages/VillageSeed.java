package village.partnership.villages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * On start, the township's 28 villages and communities ({@code villages.json}) enter the register if they are not
 * there: insert-if-absent by code, so seeding twice (or on every start) changes nothing and emits no second event.
 */
@Component
class VillageSeed implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(VillageSeed.class);
  private final Villages villages;

  VillageSeed(Villages villages) {
    this.villages = villages;
  }

  @Override
  public void run(ApplicationArguments args) {
    int added = 0;
    for (Entry e : seed()) if (villages.seed(e)) added++;
    log.info("Village register seeded: {} added, the rest were there", added);
  }

  /** One entry of villages.json. */
  record Entry(String code, String name, String kind, String township, String county) {}

  static java.util.List<Entry> seed() {
    try (InputStream in = VillageSeed.class.getResourceAsStream("/villages.json")) {
      Entry[] entries = JsonMapper.builder().build().readValue(in, Entry[].class);
      return java.util.List.of(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
