package village.identity.signin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.filter.OncePerRequestFilter;
import village.identity.accounts.PasswordSignIn;

/**
 * Before the authorization endpoint answers: a person signed in with a password that must be changed is sent to the
 * change-password page; the authorization request is kept and continues once the password is changed.
 */
public final class PasswordChangeGate extends OncePerRequestFilter {
  private final String authorizationEndpoint;
  private final RequestCache requests = new HttpSessionRequestCache();

  public PasswordChangeGate(String authorizationEndpoint) {
    this.authorizationEndpoint = authorizationEndpoint;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws ServletException, IOException {
    if (req.getRequestURI().equals(req.getContextPath() + authorizationEndpoint) && mustChange(SecurityContextHolder.getContext().getAuthentication())) {
      requests.saveRequest(req, res);
      res.sendRedirect(req.getContextPath() + SignInController.CHANGE_PASSWORD);
      return;
    }
    chain.doFilter(req, res);
  }

  static boolean mustChange(Authentication a) {
    return a != null && a.isAuthenticated()
        && a.getAuthorities().stream().anyMatch(g -> PasswordSignIn.PASSWORD_CHANGE_REQUIRED.equals(g.getAuthority()));
  }
}
