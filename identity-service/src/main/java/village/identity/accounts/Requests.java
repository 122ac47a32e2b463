package village.identity.accounts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import village.support.security.Role;
import village.support.validation.PlainText;

/** The bodies of /api/users. */
final class Requests {
  private Requests() {}

  record CreateAccount(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "3 to 64 letters, digits, '.', '_' or '-'") String username,
      @NotBlank @Size(max = 100) @PlainText String displayName,
      @NotNull Role role,
      @Size(max = 100) @PlainText String township,
      @Size(max = 100) @PlainText String organizationId) {}

  /** Only the fields given change. */
  record UpdateAccount(@Size(min = 1, max = 100) @PlainText String displayName, Boolean enabled, Role role) {}

  record ChangePassword(@NotBlank String current, @NotBlank @Size(max = 128) String newPassword) {}
}
