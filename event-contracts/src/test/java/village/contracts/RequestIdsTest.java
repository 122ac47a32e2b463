package village.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

  @Test
  void aSaneIdIsKept() {
    assertThat(RequestIds.acceptOrCreate("abc-123_X.y")).isEqualTo("abc-123_X.y");
    String longest = "a".repeat(100);
    assertThat(RequestIds.acceptOrCreate(longest)).isEqualTo(longest);
  }

  @Test
  void anythingElseIsReplacedByANewUuid() {
    for (String bad : new String[] {null, "", "a".repeat(101), "has space", "line\nbreak", "${jndi:x}", "中文"}) {
      String id = RequestIds.acceptOrCreate(bad);
      assertThat(id).as("for %s", bad).isNotEqualTo(bad);
      assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }
  }
}
