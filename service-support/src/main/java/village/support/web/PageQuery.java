package village.support.web;

import java.util.ArrayList;
import java.util.List;

/** {@code ?page=0&size=50}: page from 0, size 1–500 (default 50); anything else is a 400. */
public record PageQuery(int page, int size) {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 500;

  public static PageQuery of(Integer page, Integer size) {
    List<ProblemException.FieldError> errors = new ArrayList<>();
    int p = page == null ? 0 : page;
    int s = size == null ? DEFAULT_SIZE : size;
    if (p < 0) errors.add(new ProblemException.FieldError("page", "must be 0 or more"));
    if (s < 1 || s > MAX_SIZE) errors.add(new ProblemException.FieldError("size", "must be between 1 and " + MAX_SIZE));
    if (!errors.isEmpty()) throw Problems.invalid(errors);
    return new PageQuery(p, s);
  }

  public int offset() {
    return Math.toIntExact(Math.min(Integer.MAX_VALUE, (long) page * size));
  }
}
