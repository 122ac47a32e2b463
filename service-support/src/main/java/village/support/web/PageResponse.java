package village.support.web;

import java.util.List;
import java.util.function.Function;

/** A list response: {@code {items, page, size, total}}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
  public <R> PageResponse<R> map(Function<T, R> f) {
    return new PageResponse<>(items.stream().map(f).toList(), page, size, total);
  }
}
