package village.support.outbox;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.GetMapping;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.RestController;
import village.messaging.OutboxRelay;
import village.support.security.SecurityConfiguration;
import village.support.web.Problems;

/**
 * {@code GET /internal/outbox}: this instance's backlog, so reporting-service can say why its statistics are behind
 * while Kafka (and with it the watermarks) is unreachable. Open to callers on this machine or a private network
 * (loopback, site-local, link-local addresses — the services' own network), otherwise to a COUNTY token only.
 * The gateway does not route {@code /internal}.
 */
@RestController
@Hidden
public class OutboxBacklogController {
  public static final String PATH = "/internal/outbox";
  private final OutboxEvents events;
  private final String service;

  OutboxBacklogController(OutboxEvents events, @Value("${spring.application.name:village}") String service) {
    this.events = events;
    this.service = service;
  }

  @GetMapping(PATH)
  Map<String, Object> backlog(HttpServletRequest request) {
    if (!nearby(request.getRemoteAddr()) && !SecurityConfiguration.currentCaller().isCounty()) {
      throw Problems.forbidden(PATH + " answers callers on the services' own network or a COUNTY token.");
    }
    OutboxRelay relay = events.relay();
    var horizon = relay.horizon();
    var status = relay.watermarkStatus();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("service", service);
    out.put("waitingEvents", horizon.waiting());
    out.put("oldestWaitingSince", horizon.oldestWaitingSince().map(Object::toString).orElse(null));
    out.put("horizon", horizon.horizon().toString());
    out.put("kafkaReachable", relay.kafkaHealthy());
    out.put("sweptOnce", relay.sweptOnce());
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("lastSentUpTo", text(status.lastSentUpTo()));
    w.put("lastSentAt", text(status.lastSentAt()));
    w.put("lastAcknowledgedUpTo", text(status.lastAcknowledgedUpTo()));
    w.put("lastAcknowledgedAt", text(status.lastAcknowledgedAt()));
    out.put("watermark", w);
    return out;
  }

  static boolean nearby(String address) {
    if (address == null || !address.matches("[0-9.]+|[0-9a-fA-F:.%]*:[0-9a-fA-F:.%]*")) return false; // literals only: no lookup
    try {
      InetAddress a = InetAddress.getByName(address);
      return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }

  /** Registers {@link WriteTicketFilter} for every request. */
  @Bean
  static FilterRegistrationBean<WriteTicketFilter> writeTicketFilter(OutboxEvents events) {
    var r = new FilterRegistrationBean<>(new WriteTicketFilter(events));
    r.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return r;
  }
}
