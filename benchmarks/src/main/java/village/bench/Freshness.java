package village.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Commit → visible: needs are posted through the gateway at a constant rate while a poller reads the township's
 * overview from reporting-service every few milliseconds. The k-th acknowledged write (in order of its response) is
 * visible when the overview first counts k more needs; the latency is that moment (middle of the poll) minus the
 * moment the write's response arrived — an upper bound on the commit time, so the figure is, if anything, low by
 * the write's response transfer (well under a millisecond here).
 */
final class Freshness {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Outcome(Load.Result writes, double p50, double p99, int matched, double appliedMean, double appliedP50,
      double appliedP99) {
    @Override
    public String toString() {
      return String.format("%s; visible p50 %.1f ms, p99 %.1f ms over %d writes; reporting's own commit → applied: "
          + "mean %.1f ms, p50 %.1f ms, p99 %.1f ms", writes, p50, p99, matched, appliedMean, appliedP50, appliedP99);
    }
  }

  private record Poll(long midNanos, long count) {}

  private final Api api;
  private final Load load;

  Freshness(Api api, Load load) {
    this.api = api;
    this.load = load;
  }

  Outcome run(int rate, Duration window) {
    String stats = api.direct("REPORTING_PORT");
    long base = settled(stats);
    double[] timerBefore = timer(stats);
    List<Poll> polls = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    Thread poller = new Thread(() -> {
      while (!stop.get()) {
        long start = System.nanoTime();
        long c = count(stats);
        long end = System.nanoTime();
        if (c >= 0) polls.add(new Poll((start + end) / 2, c));
        Load.sleepNanos(2_000_000);
      }
    }, "freshness-poller");
    poller.start();
    ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    Load.Result writes = load.constantRate("post needs @" + rate + "/s", rate, window,
        i -> api.post(api.gateway, "/api/needs", api.township(i), Api.needJson(i)), acknowledged::add);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && (polls.isEmpty() || polls.get(polls.size() - 1).count() < base + writes.ok())) {
      Load.sleepNanos(10_000_000);
    }
    stop.set(true);
    try {
      poller.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Long> acks = new ArrayList<>(acknowledged);
    Collections.sort(acks);
    List<Poll> seen = new ArrayList<>(polls);
    List<Double> latencies = new ArrayList<>();
    int p = 0;
    for (int k = 1; k <= acks.size(); k++) {
      while (p < seen.size() && seen.get(p).count() < base + k) p++;
      if (p == seen.size()) break;
      latencies.add(Math.max(0, seen.get(p).midNanos() - acks.get(k - 1)) / 1e6);
    }
    double[] sorted = Scenarios.sorted(latencies);
    double[] timerAfter = timer(stats);
    double mean = 1000 * (timerAfter[1] - timerBefore[1]) / Math.max(1, timerAfter[0] - timerBefore[0]);
    return new Outcome(writes, Scenarios.percentile(sorted, 50), Scenarios.percentile(sorted, 99), sorted.length, mean,
        1000 * metric(stats, ".percentile?tag=phi:0.5"), 1000 * metric(stats, ".percentile?tag=phi:0.99"));
  }

  /**
   * reporting-service's timer {@code village.stats.apply.latency} (event occurredAt → applied, and so visible):
   * {count, total seconds}. Its percentiles cover a window of the last two minutes — this run.
   */
  private double[] timer(String stats) {
    JsonNode m = metricJson(stats, "");
    double count = 0;
    double total = 0;
    for (JsonNode x : m.path("measurements")) {
      if (x.path("statistic").asString().equals("COUNT")) count = x.path("value").asDouble();
      if (x.path("statistic").asString().equals("TOTAL_TIME")) total = x.path("value").asDouble();
    }
    return new double[] {count, total};
  }

  private double metric(String stats, String suffix) {
    JsonNode m = metricJson(stats, suffix).path("measurements");
    return m.isEmpty() ? Double.NaN : m.get(0).path("value").asDouble();
  }

  private JsonNode metricJson(String stats, String suffix) {
    try {
      HttpResponse<String> r = load.client().send(api.get(stats, "/actuator/metrics/village.stats.apply.latency" + suffix,
          api.countyToken), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }

  /** The count once earlier writes have all arrived (the same figure twice, 300 ms apart). */
  private long settled(String stats) {
    long last = -2;
    for (int i = 0; i < 200; i++) {
      long c = count(stats);
      if (c >= 0 && c == last) return c;
      last = c;
      Load.sleepNanos(300_000_000);
    }
    return last;
  }

  /** Open plus resolved needs of the township, as the overview shows them; -1 if the call failed. */
  private long count(String stats) {
    try {
      HttpResponse<String> r = load.client().send(api.get(stats, "/api/stats/overview?township=" + Scenarios.TOWNSHIP,
          api.countyToken), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) return -1;
      JsonNode needs = JSON.readTree(r.body()).path("needs");
      return needs.path("open").asLong() + needs.path("resolved").asLong();
    } catch (Exception e) {
      return -1;
    }
  }
}
