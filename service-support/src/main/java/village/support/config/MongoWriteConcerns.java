package village.support.config;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;

/**
 * The write concern of the services' Mongo client. By default a write is acknowledged once a majority of the replica
 * set has it in its journal ({@code w=majority, j=true}): an acknowledged write (whose events the outbox relay then
 * publishes) survives the loss of the primary and a crash. A write concern given in the URI ({@code w},
 * {@code journal}, {@code wtimeoutMS}) wins over {@code village.mongodb.write-concern} and {@code .journal}.
 * mongo-java-server (the local dev-stack) ignores the write concern; it syncs every write before acknowledging it.
 */
final class MongoWriteConcerns {
  private MongoWriteConcerns() {}

  /**
   * @param w a number of members, {@code majority} or a tag set name
   * @param journal whether to wait for the journal
   */
  static WriteConcern of(ConnectionString uri, String w, boolean journal) {
    if (uri.getWriteConcern() != null) {
      return uri.getWriteConcern();
    }
    String value = w == null ? "" : w.trim();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("village.mongodb.write-concern must be a number, majority or a tag set name");
    }
    WriteConcern concern;
    if (value.equalsIgnoreCase("majority")) {
      concern = WriteConcern.MAJORITY;
    } else if (value.chars().allMatch(Character::isDigit)) {
      try {
        concern = new WriteConcern(Integer.parseInt(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("village.mongodb.write-concern is too large: " + value, e);
      }
    } else {
      concern = new WriteConcern(value);
    }
    if (journal && Integer.valueOf(0).equals(concern.getWObject())) {
      throw new IllegalArgumentException("village.mongodb.write-concern=0 (unacknowledged) cannot wait for the journal: "
          + "set village.mongodb.journal=false too");
    }
    return concern.withJournal(journal);
  }
}
