package village.identity.accounts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The sign-in form's check: the account exists, is enabled and not locked, the password matches. A wrong password
 * counts; the {@value AccountRules#MAX_FAILED_ATTEMPTS}th in a row locks the account until an administrator unlocks it.
 * An account that must change its password signs in with only the authority {@link #PASSWORD_CHANGE_REQUIRED}: the
 * authorization endpoint sends it to the change-password page first.
 */
@Component
public class PasswordSignIn implements AuthenticationProvider {
  public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";
  private final Accounts accounts;
  private final PasswordEncoder encoder;
  private final String dummyHash;

  PasswordSignIn(Accounts accounts, PasswordEncoder encoder) {
    this.accounts = accounts;
    this.encoder = encoder;
    this.dummyHash = encoder.encode("no such account, same work");
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String username = authentication.getName();
    String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
    Account a = accounts.find(username).orElse(null);
    if (a == null) {
      encoder.matches(password, dummyHash); // as slow as for a real account
      throw new BadCredentialsException("wrong user name or password");
    }
    if (!a.enabled()) throw new DisabledException("account disabled");
    if (a.locked()) throw new LockedException("account locked");
    if (!encoder.matches(password, a.passwordHash())) {
      Account after = accounts.recordFailure(username, AccountRules.MAX_FAILED_ATTEMPTS).orElse(a);
      if (after.locked()) throw new LockedException("account locked after " + after.failedAttempts() + " wrong passwords");
      throw new BadCredentialsException("wrong user name or password");
    }
    accounts.recordSuccess(a);
    return authenticated(a, Instant.now());
  }

  /**
   * The authentication for an account that signed in with its password at {@code signedInAt} (the ID token's
   * {@code auth_time}; after a password change, still the time of the sign-in).
   */
  public static UsernamePasswordAuthenticationToken authenticated(Account a, Instant signedInAt) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY).issuedAt(signedInAt).build());
    authorities.add(new SimpleGrantedAuthority(a.mustChangePassword() ? PASSWORD_CHANGE_REQUIRED : "ROLE_" + a.role().name()));
    User principal = new User(a.username(), "", authorities);
    return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
  }

  /** When {@code authentication} signed in with a password (now if it does not say). */
  public static Instant signedInAt(Authentication authentication) {
    return authentication.getAuthorities().stream().filter(FactorGrantedAuthority.class::isInstance).map(FactorGrantedAuthority.class::cast)
        .map(FactorGrantedAuthority::getIssuedAt).filter(java.util.Objects::nonNull).findFirst().orElseGet(Instant::now);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
