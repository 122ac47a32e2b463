package village.devstack;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which commands may change data. Conservative: a command not known to only read counts as a write (its reply then
 * waits for a sync, which costs time but never an acknowledged write).
 */
final class WriteCommands {
  private static final Set<String> READ_ONLY = Set.of(
      "find", "getmore", "count", "distinct", "listcollections", "listindexes", "listdatabases",
      "hello", "ismaster", "buildinfo", "whatsmyuri", "ping", "serverstatus", "dbstats", "collstats", "datasize",
      "validate", "getlasterror", "reseterror", "getpreverror", "killcursors", "endsessions",
      "connectionstatus", "hostinfo", "getcmdlineopts", "getfreemonitoringstatus", "replsetgetstatus", "getlog",
      "getparameter", "saslstart", "saslcontinue", "explain", "currentop", "listcommands", "features");

  private WriteCommands() {}

  static boolean isWrite(String command, Document body) {
    String c = command.toLowerCase(Locale.ROOT);
    if (c.equals("aggregate")) {
      return writesOut(body);
    }
    return !READ_ONLY.contains(c);
  }

  /** An aggregation writes if a stage is {@code $out} or {@code $merge}. */
  private static boolean writesOut(Document body) {
    if (body == null || !(body.get("pipeline") instanceof List<?> stages)) {
      return false;
    }
    for (Object stage : stages) {
      if (stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge"))) {
        return true;
      }
    }
    return false;
  }
}
