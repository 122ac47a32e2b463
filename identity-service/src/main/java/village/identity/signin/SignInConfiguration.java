package village.identity.signin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import village.identity.accounts.PasswordSignIn;

/**
 * The browser's pages: the sign-in form ({@code /login}, CSRF-protected, errors {@code ?error=bad|locked|disabled}),
 * the change-password page, and a small landing page. The session only carries the sign-in to the authorization
 * endpoint; what it yields (codes, tokens) is kept in MongoDB.
 */
@Configuration(proxyBeanMethods = false)
public class SignInConfiguration {

  @Bean
  @Order(3)
  SecurityFilterChain signInChain(HttpSecurity http, PasswordSignIn signIn) throws Exception {
    var afterSignIn = new SavedRequestAwareAuthenticationSuccessHandler();
    // its own manager, without a parent: a wrong password is counted once
    http.authenticationManager(new ProviderManager(signIn))
        .authorizeHttpRequests(a -> a.requestMatchers("/login", "/error", "/favicon.ico").permitAll().anyRequest().authenticated())
        .formLogin(f -> f.loginPage("/login").permitAll()
            .successHandler((req, res, auth) -> {
              if (PasswordChangeGate.mustChange(auth)) res.sendRedirect(req.getContextPath() + SignInController.CHANGE_PASSWORD);
              else afterSignIn.onAuthenticationSuccess(req, res, auth);
            })
            .failureHandler((req, res, ex) -> {
              String error = ex instanceof LockedException ? "locked" : ex instanceof DisabledException ? "disabled" : "bad";
              String username = req.getParameter("username");
              res.sendRedirect(req.getContextPath() + "/login?error=" + error
                  + (username == null ? "" : "&username=" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8)));
            }))
        .logout(l -> l.logoutSuccessUrl("/login?logout"));
    return http.build();
  }
}
