package village.support.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem response from a servlet filter or a security handler (outside Spring MVC). */
@Component
public class ProblemWriter {
  private final JsonMapper json = JsonMapper.builder().build();

  public void write(HttpServletRequest req, HttpServletResponse res, HttpStatus status, String type, String title, String detail)
      throws IOException {
    write(req, res, req.getRequestURI(), status, type, title, detail);
  }

  /** The same, for the request path {@code instance} (an error dispatch's original URI). */
  public void write(HttpServletRequest req, HttpServletResponse res, String instance, HttpStatus status, String type, String title,
      String detail) throws IOException {
    if (res.isCommitted()) return;
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create(ProblemException.TYPE_BASE + type));
    p.setTitle(title);
    try {
      p.setInstance(URI.create(instance));
    } catch (IllegalArgumentException e) {
      // a path that is no valid URI is not repeated back
    }
    res.setStatus(status.value());
    res.setContentType("application/problem+json");
    res.setCharacterEncoding(StandardCharsets.UTF_8.name());
    res.getWriter().write(json.writeValueAsString(p));
  }
}
