package village.support.web;

import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error reports (a request Tomcat refuses before any servlet sees it: a bad URI, a header too large, …) as
 * {@code application/problem+json} instead of Tomcat's HTML page. Installed in place of the host's
 * {@link ErrorReportValve} by {@link TomcatProblems}; reveals nothing of the server.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) return;
    if (status == 501) { // Tomcat's answer to a transfer coding it does not know: the request's fault, not ours
      status = 400;
      response.setStatus(400);
    }
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer == null) return;
      writer.write(body(status, request.getDecodedRequestURI()));
      response.finishResponse();
    } catch (Exception | LinkageError e) {
      // the response cannot carry a body any more: the status alone is the answer
    }
  }

  static String body(int status, String uri) {
    HttpStatus s = HttpStatus.resolve(status);
    String title = s == null ? "Error" : s.getReasonPhrase();
    ProblemDetail p = ProblemDetail.forStatus(status);
    p.setType(URI.create(ProblemException.TYPE_BASE + "http-" + status));
    p.setTitle(title);
    p.setDetail(detail(status));
    if (uri != null) {
      try {
        p.setInstance(URI.create(uri));
      } catch (IllegalArgumentException e) {
        // a URI Tomcat refused is not repeated back
      }
    }
    return JSON.writeValueAsString(p);
  }

  private static String detail(int status) {
    return switch (status) {
      case 400 -> "The request is malformed (its URL, headers or encoding).";
      case 413 -> "The request is too large.";
      case 414 -> "The URL is too long.";
      case 431 -> "The request headers are too large.";
      case 505 -> "The HTTP version is not supported.";
      default -> status >= 500 ? "Something went wrong on our side." : "The request was refused.";
    };
  }
}
