package village.support.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A failure that becomes an RFC 9457 problem response. Domain failures extend it (or are created through
 * {@link Problems}) with a stable {@code type} slug, e.g. {@code disbursement-exceeds-commitment}.
 */
public class ProblemException extends RuntimeException {
  public static final String TYPE_BASE = "https://village-registry.example/problems/";

  private final HttpStatus status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, String> headers;

  public ProblemException(HttpStatus status, String type, String title, String detail) {
    this(status, type, title, detail, List.of(), Map.of());
  }

  public ProblemException(HttpStatus status, String type, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  public HttpStatus status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public ProblemDetail toProblemDetail() {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, getMessage());
    p.setType(URI.create(TYPE_BASE + type));
    p.setTitle(title);
    if (!errors.isEmpty()) p.setProperty("errors", errors);
    return p;
  }

  /** One invalid field: {@code {field, message}}. */
  public record FieldError(String field, String message) {}
}
