package village.partnership.matching;

import java.util.List;
import village.support.aggregate.Aggregate;
import village.support.aggregate.Change;
import village.support.web.ProblemException.FieldError;
import village.support.web.Problems;

/**
 * A township's matching weights as stored: the township is the id, the weights' version is the aggregate's (0 = the
 * {@link Weights#DEFAULTS}, never stored). A setting, not statistics: its changes have no event.
 */
record TownshipWeights(String township, Weights weights) implements Aggregate {
  static final String SET = "WEIGHTS_SET";

  static TownshipWeights defaults(String township) {
    return new TownshipWeights(township, Weights.DEFAULTS);
  }

  @Override
  public Object id() {
    return township;
  }

  @Override
  public long version() {
    return weights.version();
  }

  /** The township sets {@code proposed} (its version ignored) as the next version; 400 naming each weight out of range. */
  Change<TownshipWeights> set(Weights proposed) {
    List<FieldError> errors = proposed.problems().stream().map(p -> new FieldError(p[0], p[1])).toList();
    if (!errors.isEmpty()) throw Problems.invalid(errors);
    Weights next = proposed.withVersion(weights.version() + 1);
    return Change.ofSetting(new TownshipWeights(township, next), SET, next.asMap());
  }
}
