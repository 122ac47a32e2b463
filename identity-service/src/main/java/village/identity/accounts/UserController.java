package village.identity.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.ETags;
import village.support.web.HistoryEntry;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.Problems;

@RestController
@RequestMapping("/api/users")
@Tag(name = "Accounts", description = "People's accounts: COUNTY manages COUNTY and TOWNSHIP accounts, TOWNSHIP the ORGANIZATION accounts of its township")
class UserController {
  private final AccountService service;

  UserController(AccountService service) {
    this.service = service;
  }

  /** An account as the API shows it (never its password hash). */
  record AccountResponse(String username, String displayName, Role role, String township, String organizationId,
      boolean enabled, boolean locked, boolean mustChangePassword, long version, Instant createdAt) {
    static AccountResponse of(Account a) {
      return new AccountResponse(a.username(), a.displayName(), a.role(), a.township(), a.organizationId(), a.enabled(),
          a.locked(), a.mustChangePassword(), a.version(), a.createdAt());
    }
  }

  /** An account with its one-time password, shown only in this response. */
  record AccountWithPassword(AccountResponse account, String temporaryPassword) {
    static AccountWithPassword of(AccountService.Created c) {
      return new AccountWithPassword(AccountResponse.of(c.account()), c.temporaryPassword());
    }
  }

  @GetMapping
  @Operation(operationId = "listUsers", summary = "The accounts the caller may see, by user name")
  PageResponse<AccountResponse> list(Caller caller, @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return service.list(caller, PageQuery.of(page, size)).map(AccountResponse::of);
  }

  @PostMapping
  @Operation(operationId = "createUser", summary = "Create an account; the answer carries its one-time password")
  @ApiResponse(responseCode = "201", description = "created, with the temporary password (shown once)")
  ResponseEntity<AccountWithPassword> create(@Valid @RequestBody Requests.CreateAccount body, Caller caller) {
    AccountService.Created c = service.create(caller, body);
    return ResponseEntity.created(URI.create("/api/users/" + c.account().username())).eTag(ETags.of(c.account().version()))
        .body(AccountWithPassword.of(c));
  }

  @GetMapping("/me")
  @Operation(operationId = "getMyAccount", summary = "The caller's own account")
  ResponseEntity<AccountResponse> me(Caller caller) {
    return one(service.get(caller, caller.subject()));
  }

  @PostMapping("/me/password")
  @Operation(operationId = "changeMyPassword", summary = "Change one's own password (the current one is needed)")
  @ApiResponse(responseCode = "204", description = "changed")
  ResponseEntity<Void> changeMyPassword(@Valid @RequestBody Requests.ChangePassword body, Caller caller) {
    if (caller.roles().isEmpty()) throw Problems.forbidden("Only people change passwords.");
    service.changeOwnPassword(caller.subject(), body.current(), body.newPassword());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{username}")
  @Operation(operationId = "getUser", summary = "One account")
  ResponseEntity<AccountResponse> get(@PathVariable String username, Caller caller) {
    return one(service.get(caller, username));
  }

  @PatchMapping("/{username}")
  @Operation(operationId = "updateUser", summary = "Change an account's display name, enabled flag or role (where allowed)")
  ResponseEntity<AccountResponse> update(@PathVariable String username, @Valid @RequestBody Requests.UpdateAccount body,
      @RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
    Long version = null;
    if (ifMatch != null) {
      Account current = service.get(caller, username);
      ETags.checkIfMatch(ifMatch, current.version());
      version = current.version();
    }
    return one(service.update(caller, username, version, body));
  }

  @PostMapping("/{username}/disable")
  @Operation(operationId = "disableUser", summary = "Disable an account: it can no longer sign in")
  ResponseEntity<AccountResponse> disable(@PathVariable String username, Caller caller) {
    return one(service.setEnabled(caller, username, false));
  }

  @PostMapping("/{username}/enable")
  @Operation(operationId = "enableUser", summary = "Enable an account again")
  ResponseEntity<AccountResponse> enable(@PathVariable String username, Caller caller) {
    return one(service.setEnabled(caller, username, true));
  }

  @PostMapping("/{username}/unlock")
  @Operation(operationId = "unlockUser", summary = "Unlock an account locked by wrong passwords")
  ResponseEntity<AccountResponse> unlock(@PathVariable String username, Caller caller) {
    return one(service.unlock(caller, username));
  }

  @PostMapping("/{username}/password-reset")
  @Operation(operationId = "resetUserPassword", summary = "A new temporary password (shown once) that must be changed at the next sign-in")
  AccountWithPassword resetPassword(@PathVariable String username, Caller caller) {
    return AccountWithPassword.of(service.resetPassword(caller, username));
  }

  /** The same as {@code password-reset}, kept for callers of the older path; not in the API document (one operation). */
  @PostMapping("/{username}/reset-password")
  @io.swagger.v3.oas.annotations.Hidden
  AccountWithPassword resetPasswordAlias(@PathVariable String username, Caller caller) {
    return resetPassword(username, caller);
  }

  @GetMapping("/{username}/history")
  @Operation(operationId = "getUserHistory", summary = "Every change of an account, oldest first (who, when, what)")
  PageResponse<HistoryEntry> history(@PathVariable String username, Caller caller,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return service.history(caller, username, PageQuery.of(page, size));
  }

  private static ResponseEntity<AccountResponse> one(Account a) {
    return ResponseEntity.ok().eTag(ETags.of(a.version())).body(AccountResponse.of(a));
  }
}
