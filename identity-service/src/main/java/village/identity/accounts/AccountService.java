package village.identity.accounts;

import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.conversions.Bson;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.HistoryEntry;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.Problems;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import org.bson.Document;

/** Creating and changing accounts under {@link AccountRules}; every change kept in the account's history. */
@Service
public class AccountService {
  private final Accounts accounts;
  private final OrganizationDirectory organizations;
  private final PasswordEncoder encoder;
  private final Clock clock;

  AccountService(Accounts accounts, OrganizationDirectory organizations, PasswordEncoder encoder, Clock clock) {
    this.accounts = accounts;
    this.organizations = organizations;
    this.encoder = encoder;
    this.clock = clock;
  }

  /** A new account and its one-time password (it must be changed at the first sign-in). */
  public record Created(Account account, String temporaryPassword) {}

  Created create(Caller caller, Requests.CreateAccount r) {
    AccountRules.requireMayCreate(caller, r.role());
    String township = null;
    String org = null;
    List<String> townships = List.of();
    switch (r.role()) {
      case TOWNSHIP -> {
        if (r.township() == null || r.township().isBlank()) throw Problems.invalid("township", "a TOWNSHIP account needs its township");
        township = r.township().strip();
      }
      case ORGANIZATION -> {
        if (r.organizationId() == null || r.organizationId().isBlank()) {
          throw Problems.invalid("organizationId", "an ORGANIZATION account needs its organization");
        }
        org = r.organizationId().strip();
        if (!organizations.exists(org)) throw Problems.unknownReference("organizationId", "Organization '" + org + "' does not exist.");
        Set<String> works = organizations.townshipsOf(org);
        if (caller.isTownship() && !works.contains(caller.township())) {
          throw Problems.forbidden("Organization '" + org + "' has no active partnership in township '" + caller.township() + "'.");
        }
        townships = List.copyOf(works);
      }
      case COUNTY -> { }
    }
    String password = PasswordPolicy.generate();
    Account a = new Account(r.username(), r.displayName().strip(), r.role(), township, org, townships, true, false, true, 0,
        encoder.encode(password), 1, clock.instant());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("role", r.role().name());
    details.put("displayName", a.displayName());
    if (township != null) details.put("township", township);
    if (org != null) details.put("organizationId", org);
    accounts.insert(a, new HistoryEntry(1, clock.instant(), caller.subject(), "CREATED", details));
    return new Created(a, password);
  }

  /** The first-start administrator: a COUNTY account {@code admin} unless there is any account at all. */
  public Optional<Created> createFirstAdministrator() {
    if (!accounts.isEmpty()) return Optional.empty();
    String password = PasswordPolicy.generate();
    Account a = new Account("admin", "Administrator", Role.COUNTY, null, null, List.of(), true, false, true, 0,
        encoder.encode(password), 1, clock.instant());
    try {
      accounts.insert(a, new HistoryEntry(1, clock.instant(), "identity-service", "CREATED", Map.of("role", "COUNTY", "firstStart", true)));
    } catch (village.support.web.ProblemException taken) {
      return Optional.empty(); // another instance made it first
    }
    return Optional.of(new Created(a, password));
  }

  PageResponse<Account> list(Caller caller, PageQuery page) {
    if (caller.isCounty()) return accounts.list(new Document(), page);
    if (caller.isTownship() && caller.township() != null) {
      return accounts.list(and(eq("role", Role.ORGANIZATION.name()), eq("townships", caller.township())), page);
    }
    throw Problems.forbidden("Only COUNTY and TOWNSHIP accounts list accounts.");
  }

  /** An account the caller may see: their own, or one they manage. */
  Account get(Caller caller, String username) {
    Account a = accounts.get(username);
    if (AccountRules.isSelf(caller, a) || caller.isCounty()) return a;
    requireManage(caller, a);
    return a;
  }

  Account update(Caller caller, String username, Long ifMatchVersion, Requests.UpdateAccount r) {
    Account a = accounts.get(username);
    requireManage(caller, a);
    if (ifMatchVersion != null && ifMatchVersion != a.version()) {
      throw Problems.preconditionFailed("Account '" + username + "' is at version " + a.version() + ".");
    }
    List<Bson> changes = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    if (r.displayName() != null && !r.displayName().strip().equals(a.displayName())) {
      changes.add(set("displayName", r.displayName().strip()));
      details.put("displayName", r.displayName().strip());
    }
    if (r.enabled() != null && r.enabled() != a.enabled()) {
      if (!r.enabled()) AccountRules.requireNotSelf(caller, a, "disable");
      changes.add(set("enabled", r.enabled()));
      details.put("enabled", r.enabled());
    }
    if (r.role() != null && r.role() != a.role()) {
      AccountRules.requireMayChangeRole(caller, a, r.role());
      if (r.role() == Role.TOWNSHIP && a.township() == null) throw Problems.invalid("role", "a TOWNSHIP account needs its township: create a new account");
      if (r.role() == Role.ORGANIZATION && a.organizationId() == null) throw Problems.invalid("role", "an ORGANIZATION account needs its organization: create a new account");
      changes.add(set("role", r.role().name()));
      details.put("role", r.role().name());
    }
    if (changes.isEmpty()) return a;
    return accounts.update(username, a.version(), combine(changes), caller.subject(), "UPDATED", details);
  }

  Account setEnabled(Caller caller, String username, boolean enabled) {
    return update(caller, username, null, new Requests.UpdateAccount(null, enabled, null));
  }

  Account unlock(Caller caller, String username) {
    Account a = accounts.get(username);
    requireManage(caller, a);
    if (!a.locked() && a.failedAttempts() == 0) return a;
    return accounts.update(username, a.version(), combine(set("locked", false), set("failedAttempts", 0)), caller.subject(),
        "UNLOCKED", Map.of());
  }

  /** A new temporary password (shown once), to be changed at the next sign-in; also unlocks. */
  Created resetPassword(Caller caller, String username) {
    Account a = accounts.get(username);
    requireManage(caller, a);
    AccountRules.requireNotSelf(caller, a, "reset the password of (change it instead)");
    String password = PasswordPolicy.generate();
    Account after = accounts.update(username, a.version(), combine(set("passwordHash", encoder.encode(password)),
        set("mustChangePassword", true), set("locked", false), set("failedAttempts", 0)), caller.subject(), "PASSWORD_RESET", Map.of());
    return new Created(after, password);
  }

  /** The account holder changes their password: the current one must be right, the new one meet the rule. */
  public Account changeOwnPassword(String username, String current, String newPassword) {
    Account a = accounts.find(username).orElseThrow(() -> Problems.notFound("Account", username));
    if (!a.active()) throw Problems.forbidden("Account '" + username + "' is disabled or locked.");
    if (!encoder.matches(current, a.passwordHash())) throw Problems.invalid("current", "the current password is not right");
    PasswordPolicy.require("newPassword", username, newPassword);
    if (encoder.matches(newPassword, a.passwordHash())) throw Problems.invalid("newPassword", "the new password must differ from the current one");
    return accounts.update(username, a.version(), combine(set("passwordHash", encoder.encode(newPassword)),
        set("mustChangePassword", false), set("failedAttempts", 0)), username, "PASSWORD_CHANGED", Map.of());
  }

  PageResponse<HistoryEntry> history(Caller caller, String username, PageQuery page) {
    get(caller, username);
    return accounts.history(username, page);
  }

  private void requireManage(Caller caller, Account a) {
    Set<String> townships = a.role() == Role.ORGANIZATION && caller.isTownship() && a.organizationId() != null
        ? organizations.townshipsOf(a.organizationId()) : Set.of();
    AccountRules.requireMayManage(caller, a, townships);
  }
}
