package village.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Load generators over the JDK HTTP client.
 *
 * <p>{@link #constantRate}: an open model (wrk2-style). Request {@code i} is due at {@code t0 + i/rate}; its latency
 * is measured from that due time, not from when it was actually sent, so a stalled server shows up as latency
 * instead of silently lowering the offered load (no coordinated omission). {@link #closed}: N clients each sending
 * the next request when the previous answered — for capacity (throughput) figures.
 */
final class Load {
  private static final long MAX_OUTSTANDING = 4000;

  /** Outcome of a run: counts, the achieved rate and the latency histogram (microseconds). */
  record Result(String name, long ok, long failed, double seconds, Histogram latencyMicros, Map<String, Long> failures) {
    double throughput() {
      return ok / seconds;
    }

    double p50() {
      return latencyMicros.getValueAtPercentile(50) / 1000.0;
    }

    double p99() {
      return latencyMicros.getValueAtPercentile(99) / 1000.0;
    }

    double max() {
      return latencyMicros.getMaxValue() / 1000.0;
    }

    @Override
    public String toString() {
      return String.format("%s: %d ok, %d failed%s in %.1f s = %.0f/s; p50 %.2f ms, p99 %.2f ms, max %.1f ms",
          name, ok, failed, failures.isEmpty() ? "" : " " + failures, seconds, throughput(), p50(), p99(), max());
    }
  }

  private final HttpClient client;

  /** Why requests failed: the status code, or the exception's simple name. */
  private static final class Failures {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    void add(String why) {
      total.incrementAndGet();
      counts.computeIfAbsent(why, k -> new LongAdder()).increment();
    }

    Map<String, Long> snapshot() {
      Map<String, Long> m = new TreeMap<>();
      counts.forEach((k, v) -> m.put(k, v.sum()));
      return m;
    }
  }

  private static String why(Throwable e) {
    Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    return t.getClass().getSimpleName();
  }

  Load(int connections) {
    ExecutorService executor = Executors.newFixedThreadPool(Math.max(4, connections), r -> {
      Thread t = new Thread(r, "load");
      t.setDaemon(true);
      return t;
    });
    this.client = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** {@code rate} requests per second for {@code duration}; {@code request.apply(i)} builds request number i. */
  Result constantRate(String name, double rate, Duration duration, LongFunction<HttpRequest> request) {
    return constantRate(name, rate, duration, request, t -> {});
  }

  /** As above; {@code onOk} gets the {@code System.nanoTime()} at which each successful response arrived. */
  Result constantRate(String name, double rate, Duration duration, LongFunction<HttpRequest> request,
      java.util.function.LongConsumer onOk) {
    Recorder recorder = new Recorder(3);
    AtomicLong ok = new AtomicLong();
    Failures failed = new Failures();
    Semaphore outstanding = new Semaphore((int) MAX_OUTSTANDING);
    long total = (long) (rate * duration.toNanos() / 1e9);
    double intervalNanos = 1e9 / rate;
    long t0 = System.nanoTime();
    List<CompletableFuture<?>> inflight = new ArrayList<>();
    for (long i = 0; i < total; i++) {
      long due = t0 + (long) (i * intervalNanos);
      while (System.nanoTime() < due) {
        long left = due - System.nanoTime();
        if (left > 200_000) sleepNanos(left - 100_000); else Thread.onSpinWait();
      }
      if (!outstanding.tryAcquire()) { // the server fell far behind: count as failed rather than queue forever
        failed.add("not sent: " + MAX_OUTSTANDING + " outstanding");
        continue;
      }
      HttpRequest req = request.apply(i);
      CompletableFuture<?> f = client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
        long now = System.nanoTime();
        long micros = Math.max(1, (now - due) / 1000);
        if (e == null && r.statusCode() < 400) {
          ok.incrementAndGet();
          onOk.accept(now);
          recorder.recordValue(micros);
        } else {
          failed.add(e == null ? String.valueOf(r.statusCode()) : why(e));
        }
        outstanding.release();
      });
      if ((i & 1023) == 0) inflight.removeIf(CompletableFuture::isDone);
      inflight.add(f);
    }
    CompletableFuture.allOf(inflight.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS)
        .exceptionally(e -> null).join();
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Result(name, ok.get(), failed.total.get(), seconds, recorder.getIntervalHistogram(), failed.snapshot());
  }

  /** {@code clients} closed-loop clients for {@code duration}. */
  Result closed(String name, int clients, Duration duration, LongFunction<HttpRequest> request) {
    Recorder recorder = new Recorder(3);
    AtomicLong ok = new AtomicLong();
    Failures failed = new Failures();
    AtomicLong counter = new AtomicLong();
    long t0 = System.nanoTime();
    long end = t0 + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread t = new Thread(() -> {
        while (System.nanoTime() < end) {
          long start = System.nanoTime();
          try {
            HttpResponse<Void> r = client.send(request.apply(counter.getAndIncrement()), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() < 400) {
              ok.incrementAndGet();
              recorder.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            } else {
              failed.add(String.valueOf(r.statusCode()));
            }
          } catch (Exception e) {
            failed.add(why(e));
          }
        }
      }, "closed-client-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Result(name, ok.get(), failed.total.get(), seconds, recorder.getIntervalHistogram(), failed.snapshot());
  }

  HttpClient client() {
    return client;
  }

  static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
