package village.identity.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import village.identity.support.IdentityProperties;

/**
 * First start (no account at all): the COUNTY administrator {@code admin} with a random password, written once to
 * {@code village.identity.admin-password-file} (600). It must be changed at the first sign-in. Without the setting the
 * password is written nowhere (a warning): reset it from another COUNTY account, or set the file and start afresh.
 */
@Component
class FirstStart {
  private static final Logger log = LoggerFactory.getLogger(FirstStart.class);
  private final AccountService accounts;
  private final IdentityProperties props;

  FirstStart(AccountService accounts, IdentityProperties props) {
    this.accounts = accounts;
    this.props = props;
  }

  @EventListener(ApplicationReadyEvent.class)
  void createAdministrator() {
    accounts.createFirstAdministrator().ifPresent(created -> {
      if (!IdentityProperties.isSet(props.adminPasswordFile())) {
        log.warn("Created the administrator account 'admin', but village.identity.admin-password-file (IDENTITY_ADMIN_PASSWORD_FILE) "
            + "is not set: its password was written nowhere");
        return;
      }
      Path file = Path.of(props.adminPasswordFile()).toAbsolutePath();
      try {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, created.temporaryPassword() + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the administrator's password to " + file, e);
      }
      log.info("Created the administrator account 'admin'; its first password is in {} (it must be changed at the first sign-in)", file);
    });
  }
}
