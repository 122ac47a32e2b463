package village.identity.accounts;

import java.util.Set;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.Problems;

/**
 * Who may manage whom: COUNTY manages COUNTY and TOWNSHIP accounts; TOWNSHIP manages ORGANIZATION accounts of
 * organizations working in its township; ORGANIZATION manages none; nobody changes their own role, disables or
 * locks themselves. The checks throw a 403 problem.
 */
public final class AccountRules {
  public static final int MAX_FAILED_ATTEMPTS = 5;

  private AccountRules() {}

  /** May {@code caller} give an account the role {@code role} (creating it, or changing another's)? */
  public static boolean mayAssign(Caller caller, Role role) {
    if (caller.isCounty()) return role == Role.COUNTY || role == Role.TOWNSHIP;
    if (caller.isTownship() && caller.township() != null) return role == Role.ORGANIZATION;
    return false;
  }

  /**
   * May {@code caller} manage {@code target}? {@code organizationTownships}: the townships the target's organization
   * works in now (only asked for ORGANIZATION accounts).
   */
  public static boolean mayManage(Caller caller, Account target, Set<String> organizationTownships) {
    if (caller.isCounty()) return target.role() == Role.COUNTY || target.role() == Role.TOWNSHIP;
    if (caller.isTownship() && caller.township() != null) {
      return target.role() == Role.ORGANIZATION && organizationTownships.contains(caller.township());
    }
    return false;
  }

  /** 403 unless {@code caller} may create an account with {@code role}. */
  public static void requireMayCreate(Caller caller, Role role) {
    if (!mayAssign(caller, role)) throw Problems.forbidden(explain(caller, role));
  }

  /** 403 unless {@code caller} may manage {@code target}. */
  public static void requireMayManage(Caller caller, Account target, Set<String> organizationTownships) {
    if (!mayManage(caller, target, organizationTownships)) {
      if (caller.isTownship() && target.role() == Role.ORGANIZATION) {
        throw Problems.forbidden("The organization of account '" + target.username() + "' does not work in township '"
            + caller.township() + "'.");
      }
      throw Problems.forbidden(explain(caller, target.role()));
    }
  }

  /** 403 if {@code caller} would change their own role, or give {@code target} a role they may not assign. */
  public static void requireMayChangeRole(Caller caller, Account target, Role newRole) {
    if (newRole == target.role()) return;
    if (isSelf(caller, target)) throw Problems.forbidden("Nobody may change their own role.");
    if (!mayAssign(caller, newRole)) throw Problems.forbidden(explain(caller, newRole));
  }

  /** 403 if {@code caller} would disable their own account. */
  public static void requireNotSelf(Caller caller, Account target, String what) {
    if (isSelf(caller, target)) throw Problems.forbidden("Nobody may " + what + " their own account.");
  }

  static boolean isSelf(Caller caller, Account target) {
    return caller.subject() != null && caller.subject().equals(target.username());
  }

  private static String explain(Caller caller, Role role) {
    if (caller.isCounty()) return "A COUNTY account manages COUNTY and TOWNSHIP accounts, not " + role + " accounts.";
    if (caller.isTownship()) return "A TOWNSHIP account manages ORGANIZATION accounts of organizations working in its township, not "
        + role + " accounts.";
    return "Only COUNTY and TOWNSHIP accounts manage accounts.";
  }
}
