package village.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import village.events.Topics;
import village.messaging.KafkaSettings;

/**
 * Kafka stopped for 60 s under steady writes (needs through the gateway at 100/s), then started again. The writes
 * keep succeeding (their events wait in the outboxes); once the broker is back, the backlog drains. A consumer of its
 * own counts the events arriving: drain rate = backlog / time from the broker being ready to the last event of the
 * outage arriving, compared with the steady write rate.
 */
final class OutageDrain {
  private static final int RATE = 100;

  private final Api api;
  private final Load load;
  private final Report report;

  OutageDrain(Api api, Load load, Report report) {
    this.api = api;
    this.load = load;
    this.report = report;
  }

  void run() {
    String marker = "drain-" + UUID.randomUUID().toString().substring(0, 8);
    AtomicLong arrived = new AtomicLong();
    AtomicLong lastArrival = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean assigned = new AtomicBoolean();
    java.util.Set<String> keys = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Properties props = KafkaSettings.consumer("127.0.0.1:" + api.system.port("KAFKA_PORT"), "bench-" + marker, "bench-drain");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    Thread consumer = new Thread(() -> {
      try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props)) {
        c.subscribe(List.of(Topics.PARTNERSHIPS));
        while (!stop.get()) {
          for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
            if (r.value().contains(marker) && keys.add(r.key())) { // distinct needs: a republished event counts once
              arrived.incrementAndGet();
              lastArrival.set(System.nanoTime());
            }
          }
          if (!c.assignment().isEmpty()) assigned.set(true);
          c.commitAsync();
        }
      }
    }, "drain-consumer");
    consumer.start();
    while (!assigned.get()) Load.sleepNanos(50_000_000);

    AtomicLong written = new AtomicLong();
    Load.Result[] writes = new Load.Result[1];
    Thread writer = new Thread(() -> writes[0] = load.constantRate("steady writes", RATE, Duration.ofSeconds(80),
        i -> api.post(api.gateway, "/api/needs", api.township(i),
            "{\"villageCode\":\"" + Api.village(i) + "\",\"category\":\"OTHER\",\"title\":\"" + marker + " " + i + "\"}"),
        t -> written.incrementAndGet()), "drain-writer");
    writer.start();
    Load.sleepNanos(Duration.ofSeconds(20).toNanos());
    long beforeOutage = arrived.get();
    double steady = beforeOutage / 20.0;
    System.out.printf("    steady: %d events in 20 s; stopping Kafka%n", beforeOutage);
    api.system.village(Duration.ofMinutes(2), Map.of("VILLAGE_COMPONENTS", "kafka"), "down");
    long stoppedAt = System.nanoTime();
    long arrivedAtStop = arrived.get();
    Load.sleepNanos(Duration.ofSeconds(60).toNanos() - (System.nanoTime() - stoppedAt));
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.println("    writes during the test: " + writes[0]);
    int up = api.system.village(Duration.ofMinutes(3), Map.of("VILLAGE_COMPONENTS", "kafka"), "up");
    long readyAt = System.nanoTime();
    long backlog = written.get() - arrived.get();
    long deadline = readyAt + Duration.ofMinutes(5).toNanos();
    while (arrived.get() < written.get() && System.nanoTime() < deadline) Load.sleepNanos(5_000_000);
    stop.set(true);
    double drainSeconds = Math.max(1e-3, (lastArrival.get() - readyAt) / 1e9);
    double drainRate = backlog / drainSeconds;
    System.out.printf("    kafka up (exit %d); backlog %d drained in %.2f s; arrived %d of %d written (%d before stop)%n",
        up, backlog, drainSeconds, arrived.get(), written.get(), arrivedAtStop);
    report.add("6", "writes failed while Kafka was down", Long.toString(writes[0].failed()), "0", writes[0].failed() == 0);
    report.add("6", "events lost (written − arrived)", Long.toString(written.get() - arrived.get()), "0",
        written.get() == arrived.get());
    report.add("6", "backlog drain rate vs steady rate", Report.perSecond(drainRate) + " vs " + Report.perSecond(steady)
        + " = " + Report.ratio(drainRate / steady), "≥ 3×", drainRate / steady >= 3);
  }
}
