package village.support.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Factories for the problems every service raises; domain-specific ones get their own type slug. */
public final class Problems {
  private Problems() {}

  public static ProblemException badRequest(String detail) {
    return new ProblemException(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", detail);
  }

  public static ProblemException invalid(List<ProblemException.FieldError> errors) {
    return new ProblemException(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
        "The request has " + errors.size() + " invalid field(s).", errors, Map.of());
  }

  public static ProblemException invalid(String field, String message) {
    return invalid(List.of(new ProblemException.FieldError(field, message)));
  }

  public static ProblemException notFound(String what, String id) {
    return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " '" + id + "' does not exist.");
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
  }

  public static ProblemException conflict(String type, String title, String detail) {
    return new ProblemException(HttpStatus.CONFLICT, type, title, detail);
  }

  /** A referenced id in the body does not exist (422). */
  public static ProblemException unknownReference(String field, String detail) {
    return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-reference", "Unknown reference", detail,
        List.of(new ProblemException.FieldError(field, detail)), Map.of());
  }

  public static ProblemException unprocessable(String type, String title, String detail) {
    return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, type, title, detail);
  }

  public static ProblemException preconditionFailed(String detail) {
    return new ProblemException(HttpStatus.PRECONDITION_FAILED, "stale-version", "Precondition failed", detail);
  }

  public static ProblemException payloadTooLarge(long max) {
    return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
        "The request body exceeds " + max + " bytes.");
  }

  /** A service this one depends on is unavailable: 503 with Retry-After. Nothing was stored. */
  public static ProblemException dependencyUnavailable(String dependency, long retryAfterSeconds, String detail) {
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service unavailable",
        dependency + " is unavailable, nothing was stored; try again later. " + detail, List.of(),
        Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
  }
}
