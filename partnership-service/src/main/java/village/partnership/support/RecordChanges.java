package village.partnership.support;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * A counter of this instance's writes to organizations, partnerships and needs: a cache of what they hold (the
 * suggestions' snapshot) knows from it that it is out of date, so a reader sees this instance's own writes at once.
 */
@Component
public class RecordChanges {
  private final AtomicLong generation = new AtomicLong();

  public void changed() {
    generation.incrementAndGet();
  }

  public long generation() {
    return generation.get();
  }
}
