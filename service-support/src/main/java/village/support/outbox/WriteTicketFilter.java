package village.support.outbox;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At the end of every request, closes a write ticket the request opened but never handed to the relay (its write
 * failed or changed nothing), so a failed write does not hold the watermark back — and no ticket leaks to the next
 * request served by this pooled thread.
 */
class WriteTicketFilter extends OncePerRequestFilter {
  private final OutboxEvents events;

  WriteTicketFilter(OutboxEvents events) {
    this.events = events;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws ServletException, IOException {
    try {
      chain.doFilter(req, res);
    } finally {
      events.abandon();
    }
  }
}
