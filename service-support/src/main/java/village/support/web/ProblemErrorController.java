package village.support.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * {@code /error}, where the servlet container forwards a {@code sendError} (Spring Security's firewall refusing a URL,
 * an exception no handler caught): answered as {@code application/problem+json} like every other failure, whatever
 * the request's {@code Accept}. Replaces Boot's BasicErrorController.
 */
@Controller
public class ProblemErrorController implements ErrorController {
  private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);
  private final ProblemWriter problems;

  public ProblemErrorController(ProblemWriter problems) {
    this.problems = problems;
  }

  @RequestMapping("${server.error.path:/error}")
  void error(HttpServletRequest req, HttpServletResponse res) throws IOException {
    Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null ? HttpStatus.valueOf(i) : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status.value() < 400) status = HttpStatus.INTERNAL_SERVER_ERROR;
    Object uri = req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    Throwable failure = (Throwable) req.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (status.is5xxServerError()) log.error("unexpected failure on {}", uri, failure);
    String detail = switch (status.value()) {
      case 400 -> "The request is malformed (its URL, headers or encoding).";
      case 404 -> "There is nothing at this URL.";
      case 405 -> "This method is not allowed here.";
      default -> status.is5xxServerError() ? "Something went wrong on our side; it has been logged." : status.getReasonPhrase() + ".";
    };
    res.resetBuffer();
    problems.write(req, res, uri instanceof String s ? s : req.getRequestURI(), status, "http-" + status.value(),
        status.getReasonPhrase(), detail);
  }
}
