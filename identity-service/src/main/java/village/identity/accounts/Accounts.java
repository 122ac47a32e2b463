package village.identity.accounts;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import village.support.web.HistoryEntry;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.Problems;
import village.support.aggregate.HistoryDocuments;
import village.support.persistence.MongoPages;

/**
 * The accounts, one document each ({@code _id} = user name) with its {@code version} and {@code history}. Every change
 * is one write conditional on the version read (or on the state it changes) and appends its history entry.
 */
@Component
public class Accounts {
  private final MongoCollection<Document> accounts;

  Accounts(MongoDatabase db) {
    this.accounts = db.getCollection("accounts");
  }

  public Optional<Account> find(String username) {
    if (username == null) return Optional.empty();
    Document d = accounts.find(eq("_id", username)).projection(Projections.exclude("history")).first();
    return Optional.ofNullable(d).map(Account::of);
  }

  Account get(String username) {
    return find(username).orElseThrow(() -> Problems.notFound("Account", username));
  }

  boolean isEmpty() {
    return accounts.countDocuments() == 0;
  }

  /** Inserts a new account with its first history entry; 409 if the user name is taken. */
  void insert(Account a, HistoryEntry created) {
    try {
      accounts.insertOne(a.toDocument().append("history", List.of(toDocument(created))));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw Problems.conflict("username-taken", "User name taken", "An account '" + a.username() + "' exists already.");
      }
      throw e;
    }
  }

  /** Applies {@code changes} if the account is still at {@code version}; 409 if someone changed it in between. */
  Account update(String username, long version, Bson changes, String actor, String action, Map<String, Object> details) {
    HistoryEntry h = new HistoryEntry((int) version + 1, java.time.Instant.now(), actor, action, details);
    Document d = accounts.findOneAndUpdate(and(eq("_id", username), eq("version", version)),
        combine(changes, inc("version", 1), push("history", toDocument(h))),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(Projections.exclude("history")));
    if (d == null) {
      get(username);
      throw Problems.conflict("concurrent-change", "Changed meanwhile", "Account '" + username + "' was changed meanwhile; read it again.");
    }
    return Account.of(d);
  }

  /** One more wrong password; the account locks at {@code max}. Returns the account after. */
  Optional<Account> recordFailure(String username, int max) {
    Document d = accounts.findOneAndUpdate(eq("_id", username), inc("failedAttempts", 1),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(Projections.exclude("history")));
    if (d == null) return Optional.empty();
    Account a = Account.of(d);
    if (a.failedAttempts() >= max && !a.locked()) {
      HistoryEntry h = new HistoryEntry((int) a.version() + 1, java.time.Instant.now(), "identity-service", "LOCKED",
          Map.of("reason", a.failedAttempts() + " wrong passwords in a row"));
      Document after = accounts.findOneAndUpdate(and(eq("_id", username), eq("locked", false)),
          combine(set("locked", true), inc("version", 1), push("history", toDocument(h))),
          new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(Projections.exclude("history")));
      if (after != null) a = Account.of(after);
    }
    return Optional.of(a);
  }

  /** A correct password: the count of wrong ones starts again. */
  void recordSuccess(Account a) {
    if (a.failedAttempts() > 0) accounts.updateOne(eq("_id", a.username()), set("failedAttempts", 0));
  }

  /** A page of the accounts matching {@code filter}, by user name, read by the database. */
  PageResponse<Account> list(Bson filter, PageQuery page) {
    return MongoPages.page(accounts, filter, Projections.exclude("history", "passwordHash"), Sorts.ascending("_id"), page,
        Account::of);
  }

  /** A page of its history, oldest first, read by the database; 404 when the account does not exist. */
  PageResponse<HistoryEntry> history(String username, PageQuery page) {
    return MongoPages.pageOfArray(accounts, eq("_id", username), "history", page, HistoryDocuments::fromDocument)
        .orElseThrow(() -> Problems.notFound("Account", username));
  }

  static Document toDocument(HistoryEntry h) {
    return new Document("version", h.version()).append("at", Date.from(h.at())).append("actor", h.actor())
        .append("action", h.action()).append("details", new Document(h.details()));
  }
}
