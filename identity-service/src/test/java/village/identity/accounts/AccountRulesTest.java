package village.identity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.ProblemException;

class AccountRulesTest {
  static final Caller COUNTY = new Caller("admin", Set.of(Role.COUNTY), null, null);
  static final Caller TOWNSHIP = new Caller("cgz", Set.of(Role.TOWNSHIP), null, "城关镇");
  static final Caller UNSCOPED_TOWNSHIP = new Caller("t", Set.of(Role.TOWNSHIP), null, null);
  static final Caller ORGANIZATION = new Caller("coop", Set.of(Role.ORGANIZATION), "org-1", null);

  static Account account(String username, Role role) {
    return new Account(username, username, role, role == Role.TOWNSHIP ? "城关镇" : null, role == Role.ORGANIZATION ? "org-1" : null,
        List.of(), true, false, false, 0, "{noop}x", 1, Instant.EPOCH);
  }

  @ParameterizedTest
  @CsvSource({
      "COUNTY, COUNTY, true", "COUNTY, TOWNSHIP, true", "COUNTY, ORGANIZATION, false",
      "TOWNSHIP, COUNTY, false", "TOWNSHIP, TOWNSHIP, false", "TOWNSHIP, ORGANIZATION, true",
      "ORGANIZATION, COUNTY, false", "ORGANIZATION, TOWNSHIP, false", "ORGANIZATION, ORGANIZATION, false"})
  void whoMayCreateWhichAccounts(Role caller, Role role, boolean allowed) {
    Caller c = switch (caller) {
      case COUNTY -> COUNTY;
      case TOWNSHIP -> TOWNSHIP;
      case ORGANIZATION -> ORGANIZATION;
    };
    assertThat(AccountRules.mayAssign(c, role)).isEqualTo(allowed);
    if (allowed) assertThatCode(() -> AccountRules.requireMayCreate(c, role)).doesNotThrowAnyException();
    else assertThatThrownBy(() -> AccountRules.requireMayCreate(c, role)).isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).status().value()).isEqualTo(403));
  }

  @Test
  void aTownshipWithoutItsTownshipClaimManagesNobody() {
    assertThat(AccountRules.mayAssign(UNSCOPED_TOWNSHIP, Role.ORGANIZATION)).isFalse();
    assertThat(AccountRules.mayManage(UNSCOPED_TOWNSHIP, account("coop", Role.ORGANIZATION), Set.of("城关镇"))).isFalse();
  }

  @Test
  void aTownshipManagesOrganizationAccountsOfOrganizationsWorkingInItsTownship() {
    Account coop = account("coop", Role.ORGANIZATION);
    assertThat(AccountRules.mayManage(TOWNSHIP, coop, Set.of("城关镇", "东关镇"))).isTrue();
    assertThat(AccountRules.mayManage(TOWNSHIP, coop, Set.of("东关镇"))).isFalse();
    assertThat(AccountRules.mayManage(TOWNSHIP, coop, Set.of())).isFalse();
    assertThatThrownBy(() -> AccountRules.requireMayManage(TOWNSHIP, coop, Set.of("东关镇")))
        .hasMessageContaining("does not work in township '城关镇'");
    assertThat(AccountRules.mayManage(TOWNSHIP, account("other", Role.TOWNSHIP), Set.of("城关镇"))).isFalse();
  }

  @Test
  void theCountyManagesCountyAndTownshipAccountsButNotOrganizationOnes() {
    assertThat(AccountRules.mayManage(COUNTY, account("c2", Role.COUNTY), Set.of())).isTrue();
    assertThat(AccountRules.mayManage(COUNTY, account("t", Role.TOWNSHIP), Set.of())).isTrue();
    assertThat(AccountRules.mayManage(COUNTY, account("o", Role.ORGANIZATION), Set.of())).isFalse();
    assertThat(AccountRules.mayManage(ORGANIZATION, account("o", Role.ORGANIZATION), Set.of())).isFalse();
  }

  @Test
  void nobodyChangesTheirOwnRole() {
    Account self = account("cgz", Role.TOWNSHIP);
    assertThatThrownBy(() -> AccountRules.requireMayChangeRole(TOWNSHIP, self, Role.COUNTY)).hasMessageContaining("own role");
    Account admin = account("admin", Role.COUNTY);
    assertThatThrownBy(() -> AccountRules.requireMayChangeRole(COUNTY, admin, Role.TOWNSHIP)).hasMessageContaining("own role");
    assertThatCode(() -> AccountRules.requireMayChangeRole(COUNTY, admin, Role.COUNTY)).doesNotThrowAnyException();
  }

  @Test
  void roleChangesStayWithinWhatTheCallerMayAssign() {
    assertThatCode(() -> AccountRules.requireMayChangeRole(COUNTY, account("t", Role.TOWNSHIP), Role.COUNTY)).doesNotThrowAnyException();
    assertThatThrownBy(() -> AccountRules.requireMayChangeRole(COUNTY, account("t", Role.TOWNSHIP), Role.ORGANIZATION))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> AccountRules.requireMayChangeRole(TOWNSHIP, account("coop", Role.ORGANIZATION), Role.TOWNSHIP))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void nobodyDisablesThemselves() {
    assertThatThrownBy(() -> AccountRules.requireNotSelf(COUNTY, account("admin", Role.COUNTY), "disable"))
        .hasMessageContaining("own account");
    assertThatCode(() -> AccountRules.requireNotSelf(COUNTY, account("other", Role.COUNTY), "disable")).doesNotThrowAnyException();
  }
}
