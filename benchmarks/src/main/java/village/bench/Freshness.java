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

  record Outcome(Load.Result writes, double p50, double p99, int matched) {
    @Override
    public String toString() {
      return String.format("%s; visible p50 %.1f ms, p99 %.1f ms over %d writes", writes, p50, p99, matched);
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
    return new Outcome(writes, Scenarios.percentile(sorted, 50), Scenarios.percentile(sorted, 99), sorted.length);
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
