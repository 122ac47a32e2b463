package village.support.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;
import org.junit.jupiter.api.Test;

class MongoWriteConcernsTest {
  private static final ConnectionString PLAIN = new ConnectionString("mongodb://127.0.0.1:27017");

  @Test
  void journaledMajorityByDefault() {
    var defaults = new VillageProperties.Mongodb("mongodb://127.0.0.1:27017", "village", java.time.Duration.ofSeconds(3),
        java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(8), java.time.Duration.ofSeconds(5), "majority", true);
    assertThat(MongoWriteConcerns.of(PLAIN, defaults.writeConcern(), defaults.journal()))
        .isEqualTo(WriteConcern.MAJORITY.withJournal(true));
  }

  @Test
  void configurable() {
    assertThat(MongoWriteConcerns.of(PLAIN, "1", false)).isEqualTo(WriteConcern.W1.withJournal(false));
    assertThat(MongoWriteConcerns.of(PLAIN, " 2 ", true)).isEqualTo(WriteConcern.W2.withJournal(true));
    assertThat(MongoWriteConcerns.of(PLAIN, "MAJORITY", false)).isEqualTo(WriteConcern.MAJORITY.withJournal(false));
    assertThat(MongoWriteConcerns.of(PLAIN, "twoDataCenters", true)).isEqualTo(new WriteConcern("twoDataCenters").withJournal(true));
  }

  @Test
  void aWriteConcernInTheUriWins() {
    assertThat(MongoWriteConcerns.of(new ConnectionString("mongodb://db:27017/?w=1"), "majority", true))
        .isEqualTo(WriteConcern.W1);
    assertThat(MongoWriteConcerns.of(new ConnectionString("mongodb://db:27017/?journal=false"), "majority", true))
        .isEqualTo(WriteConcern.ACKNOWLEDGED.withJournal(false));
  }

  @Test
  void nonsenseIsRefusedWithTheSettingsName() {
    assertThatThrownBy(() -> MongoWriteConcerns.of(PLAIN, " ", true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("village.mongodb.write-concern");
    assertThatThrownBy(() -> MongoWriteConcerns.of(PLAIN, "0", true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("village.mongodb.journal=false");
    assertThat(MongoWriteConcerns.of(PLAIN, "0", false)).isEqualTo(WriteConcern.UNACKNOWLEDGED.withJournal(false));
  }
}
