package village.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may read a service's backlog without a COUNTY token: the services' own network only. */
class OutboxBacklogControllerTest {
  @ParameterizedTest
  @CsvSource({"127.0.0.1,true", "::1,true", "10.1.2.3,true", "172.18.0.5,true", "192.168.1.20,true", "fe80::1,true",
      "8.8.8.8,false", "203.0.113.9,false", "2001:db8::1,false", "not-an-address,false"})
  void nearbyCallers(String address, boolean nearby) {
    assertThat(OutboxBacklogController.nearby(address)).isEqualTo(nearby);
  }
}
