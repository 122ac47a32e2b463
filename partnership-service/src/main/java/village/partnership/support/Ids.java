package village.partnership.support;

import java.util.UUID;
import village.support.security.Caller;
import village.support.web.IdempotencyKeys;

/** Server-chosen ids: random, or derived from an Idempotency-Key so that a retry finds the first result. */
public final class Ids {
  private Ids() {}

  public static String newId(Caller caller, String endpoint, String idempotencyKey) {
    return IdempotencyKeys.idFor(caller, endpoint, idempotencyKey).orElseGet(() -> UUID.randomUUID().toString());
  }
}
