package village.identity.signin;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import village.identity.accounts.Account;
import village.identity.accounts.AccountService;
import village.identity.accounts.PasswordSignIn;
import village.support.web.ProblemException;

/** The sign-in page, the change-password page (and its form) and the landing page. */
@RestController
@Hidden
class SignInController {
  static final String CHANGE_PASSWORD = "/change-password";
  private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);
  private final AccountService accounts;
  private final RequestCache requests = new HttpSessionRequestCache();
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

  SignInController(AccountService accounts) {
    this.accounts = accounts;
  }

  @GetMapping("/login")
  ResponseEntity<String> signIn(HttpServletRequest req, @RequestHeader(name = "Accept-Language", required = false) String language,
      @RequestParam(required = false) String error, @RequestParam(required = false) String username) {
    Pages.Lang lang = Pages.lang(language);
    String message = switch (error == null ? "" : error) {
      case "" -> null;
      case "locked" -> Pages.t(lang, "error.locked");
      case "disabled" -> Pages.t(lang, "error.disabled");
      default -> Pages.t(lang, "error.bad");
    };
    CsrfToken csrf = csrf(req);
    return html(Pages.signIn(lang, csrf.getParameterName(), csrf.getToken(), message, username, req.getParameter("logout") != null));
  }

  @GetMapping(CHANGE_PASSWORD)
  ResponseEntity<String> changePasswordPage(HttpServletRequest req, Authentication auth,
      @RequestHeader(name = "Accept-Language", required = false) String language) {
    CsrfToken csrf = csrf(req);
    return html(Pages.changePassword(Pages.lang(language), csrf.getParameterName(), csrf.getToken(), auth.getName(), List.of(),
        PasswordChangeGate.mustChange(auth)));
  }

  @PostMapping(value = CHANGE_PASSWORD, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> changePassword(HttpServletRequest req, HttpServletResponse res, Authentication auth,
      @RequestHeader(name = "Accept-Language", required = false) String language, @RequestParam(defaultValue = "") String current,
      @RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String confirm) throws IOException {
    Pages.Lang lang = Pages.lang(language);
    List<String> errors = new ArrayList<>();
    if (!newPassword.equals(confirm)) errors.add(Pages.t(lang, "error.mismatch"));
    Account after = null;
    if (errors.isEmpty()) {
      try {
        after = accounts.changeOwnPassword(auth.getName(), current, newPassword);
      } catch (ProblemException e) {
        String field = e.errors().isEmpty() ? "" : e.errors().getFirst().field();
        String message = e.errors().isEmpty() ? e.getMessage() : e.errors().getFirst().message();
        errors.add(switch (field) {
          case "current" -> Pages.t(lang, "error.current");
          case "newPassword" -> message.contains("differ") ? Pages.t(lang, "error.same") : Pages.t(lang, "error.weak") + Pages.t(lang, "rule");
          default -> e.getMessage();
        });
      }
    }
    if (after == null) {
      CsrfToken csrf = csrf(req);
      return ResponseEntity.badRequest().contentType(HTML).body(Pages.changePassword(lang, csrf.getParameterName(), csrf.getToken(),
          auth.getName(), errors, PasswordChangeGate.mustChange(auth)));
    }
    // signed in afresh, now with the account's role: the kept authorization request continues
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(PasswordSignIn.authenticated(after, PasswordSignIn.signedInAt(auth)));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, req, res);
    SavedRequest saved = requests.getRequest(req, res);
    res.sendRedirect(saved != null ? saved.getRedirectUrl() : req.getContextPath() + "/");
    return null;
  }

  @GetMapping("/")
  ResponseEntity<String> home(HttpServletRequest req, Authentication auth, @RequestHeader(name = "Accept-Language", required = false) String language) {
    CsrfToken csrf = csrf(req);
    return html(Pages.home(Pages.lang(language), csrf.getParameterName(), csrf.getToken(), auth.getName()));
  }

  private static CsrfToken csrf(HttpServletRequest req) {
    return (CsrfToken) req.getAttribute(CsrfToken.class.getName());
  }

  private static ResponseEntity<String> html(String body) {
    return ResponseEntity.ok().contentType(HTML).header("Cache-Control", "no-store").body(body);
  }
}
