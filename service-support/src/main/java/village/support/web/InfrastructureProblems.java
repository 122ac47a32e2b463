package village.support.web;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import village.support.config.MongoWrites;
import village.support.config.VillageProperties;

/**
 * The service's own database unavailable (no server reachable within the selection time-out, a connection reset or
 * timed out, a primary stepping down) → 503 {@code application/problem+json} with {@code Retry-After}, never 500.
 * <ul>
 *   <li>a read, or a write that failed before any write command left this service: {@code database-unavailable},
 *       nothing was stored;</li>
 *   <li>a write after a write command was sent ({@link MongoWrites}): {@code outcome-unknown},
 *       {@code "outcome": "unknown"} — it may or may not have been applied; a retry with the same
 *       {@code Idempotency-Key} is safe (a keyed create returns the resource it stored).</li>
 * </ul>
 * Runs before {@link ProblemAdvice} (which maps everything else), also for a Mongo failure wrapped in another
 * exception.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class InfrastructureProblems {
  private static final Logger log = LoggerFactory.getLogger(InfrastructureProblems.class);
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final MongoWrites writes;
  private final long retryAfterSeconds;

  public InfrastructureProblems(MongoWrites writes, VillageProperties props) {
    this.writes = writes;
    this.retryAfterSeconds = Math.max(1, props.mongodb().retryAfter().toSeconds());
  }

  @ExceptionHandler({MongoTimeoutException.class, MongoSocketException.class, MongoNotPrimaryException.class,
      MongoNodeIsRecoveringException.class, MongoConnectionPoolClearedException.class, MongoOperationTimeoutException.class})
  public ResponseEntity<ProblemDetail> databaseUnavailable(MongoException e, HttpServletRequest req) {
    boolean write = WRITES.contains(req.getMethod());
    boolean unknown = write && writes.writeMayHaveBeenSent();
    log.warn("database unavailable on {} {} ({}: {}){}", req.getMethod(), req.getRequestURI(), e.getClass().getSimpleName(),
        e.getMessage(), unknown ? "; the write's outcome is unknown" : "");
    ProblemDetail p;
    if (unknown) {
      p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
          "The database failed while this " + req.getMethod() + " was being written: its outcome is unknown — it may or"
              + " may not have been applied. Retrying it with the same Idempotency-Key is safe (a create with that key"
              + " returns the resource it stored); retry after " + retryAfterSeconds + " s.");
      p.setType(URI.create(ProblemException.TYPE_BASE + "outcome-unknown"));
      p.setTitle("Outcome unknown");
      p.setProperty("outcome", "unknown");
    } else {
      p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
          "The service's database is unavailable" + (write ? "; nothing was stored" : "") + ". Retry after "
              + retryAfterSeconds + " s.");
      p.setType(URI.create(ProblemException.TYPE_BASE + "database-unavailable"));
      p.setTitle("Service unavailable");
      if (write) p.setProperty("outcome", "not-applied");
    }
    p.setProperty("retryAfterSeconds", retryAfterSeconds);
    p.setInstance(URI.create(req.getRequestURI()));
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", Long.toString(retryAfterSeconds))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(p);
  }

  /** Clears {@link MongoWrites} around every request, so that what it knows is about this request only. */
  @Bean
  static FilterRegistrationBean<OncePerRequestFilter> mongoWritesReset(MongoWrites writes) {
    var filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
          throws ServletException, IOException {
        writes.reset();
        try {
          chain.doFilter(req, res);
        } finally {
          writes.reset();
        }
      }
    };
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setName("mongoWritesReset");
    return registration;
  }
}
