package de.bwaldvogel.mongo.backend.h2;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/** The tuned key type must order keys exactly as H2's ObjectDataType does: the files on disk are ordered by that. */
class IndexKeyTypeTest {
  private final Random random = new Random(42);
  private final ObjectDataType h2 = new ObjectDataType();
  private final IndexKeyType tuned = new IndexKeyType();

  @Test
  void comparesEveryPairAsH2Does() {
    List<KeyValue> keys = keys(400);
    for (KeyValue a : keys) {
      for (KeyValue b : keys) {
        assertThat(Integer.signum(tuned.compare(a, b))).as("%s vs %s", a, b).isEqualTo(Integer.signum(h2.compare(a, b)));
      }
    }
  }

  @Test
  void findsWhatH2FindsInASortedPage() {
    List<KeyValue> keys = keys(300);
    Object[] page = keys.subList(0, 200).toArray();
    Arrays.sort(page, h2::compare);
    for (KeyValue probe : keys) { // 200 present (as the same objects), 100 absent
      for (int guess : new int[] {0, 1, 57, 199, 250}) {
        assertThat(tuned.binarySearch(probe, page, page.length, guess)).as("%s, guess %d", probe, guess)
            .isEqualTo(h2.binarySearch(probe, page, page.length, guess));
      }
    }
    // an equal key that is another object (a search key is never the stored object) is found as well
    KeyValue copy = new KeyValue(new ArrayList<>(((KeyValue) page[17]).stream().toList()));
    assertThat(tuned.binarySearch(copy, page, page.length, 0)).isEqualTo(17);
  }

  private List<KeyValue> keys(int n) {
    List<KeyValue> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(switch (i % 6) {
        case 0 -> new KeyValue(UUID.randomUUID().toString());
        case 1 -> new KeyValue("CG" + random.nextInt(50), random.nextInt(2024));
        case 2 -> new KeyValue(random.nextLong(), random.nextDouble());
        case 3 -> new KeyValue(random.nextBoolean(), "需求" + random.nextInt(9));
        case 4 -> new KeyValue(new Date(random.nextInt(1_000_000))); // not remembered: serialized each time
        default -> new KeyValue(UUID.randomUUID());
      });
    }
    return keys;
  }
}
