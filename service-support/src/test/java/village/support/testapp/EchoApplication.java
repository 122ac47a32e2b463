package village.support.testapp;

import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.validation.PlainText;
import village.support.validation.Yuan;

/** A tiny service on the shared plumbing, for the tests of that plumbing. */
@SpringBootApplication
public class EchoApplication {

  public record Echo(@PlainText String name, String note, LocalDate on, Integer percent, Boolean flag, @Yuan String amount,
      List<String> ids, @Valid Nested nested, java.math.BigDecimal quantity) {}

  public record Nested(@PlainText String title, LocalDate due) {}

  @RestController
  static class EchoController {
    @PostMapping("/api/echo")
    Echo echo(@Valid @RequestBody Echo body, Caller caller) {
      caller.requireAnyRole(Role.values());
      return body;
    }

    @GetMapping("/api/echo")
    Map<String, Object> query(@RequestParam(required = false) String q, Caller caller) {
      caller.requireAnyRole(Role.values());
      return Map.of("q", q == null ? "" : q);
    }
  }
}
