package village.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import village.contracts.RequestIds;

/**
 * Takes {@code X-Request-Id} from the caller (the gateway sets it) or makes one, puts it in the log context and
 * the response, and logs one access line per request (logger {@code village.access}, INFO: method, path, status,
 * milliseconds) so every request id appears in the service's log; {@link village.support.outbox.OutboxEvents}
 * copies the id into the events' Kafka headers.
 */
public class RequestIdFilter extends OncePerRequestFilter {
  public static final String MDC_KEY = "requestId";
  private static final Logger ACCESS = LoggerFactory.getLogger("village.access");

  @Override
  protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws ServletException, IOException {
    String id = RequestIds.acceptOrCreate(req.getHeader(RequestIds.HEADER));
    MDC.put(MDC_KEY, id);
    res.setHeader(RequestIds.HEADER, id);
    long start = System.nanoTime();
    try {
      chain.doFilter(req, res);
    } finally {
      if (ACCESS.isInfoEnabled()) {
        ACCESS.info("{} {} {} {}ms", req.getMethod(), req.getRequestURI(), res.getStatus(),
            (System.nanoTime() - start) / 1_000_000);
      }
      MDC.remove(MDC_KEY);
    }
  }
}
