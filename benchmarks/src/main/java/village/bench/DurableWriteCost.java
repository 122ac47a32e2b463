package village.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.apache.kafka.clients.producer.KafkaProducer;
import village.messaging.EventCodec;
import village.messaging.KafkaSettings;
import village.messaging.Outbox;
import village.messaging.OutboxRelay;

/**
 * Scenario 5's workload (plain insert, and insert with the outbox, sustained until the relay published and removed
 * every event) against a Mongo and a Kafka that are already running, at several writer counts: to compare two builds
 * of the local Mongo-wire server on the same machine, one right after the other.
 *
 * <pre>
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) village.bench.DurableWriteCost \
 *     --mongo mongodb://127.0.0.1:48017 --kafka 127.0.0.1:30092 [--threads 1,8,32] [--documents 2000] [--rounds 2]
 * </pre>
 * Prints one line per writer count: the best of the rounds for each (the two alternate, as in scenario 5).
 */
public final class DurableWriteCost {
  private DurableWriteCost() {}

  public static void main(String[] args) {
    String mongo = null;
    String kafka = null;
    int[] threads = {1, 8, 32};
    int documents = 2000;
    int rounds = 2;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mongo" -> mongo = args[++i];
        case "--kafka" -> kafka = args[++i];
        case "--threads" -> threads = java.util.Arrays.stream(args[++i].split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        case "--documents" -> documents = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (--mongo URI --kafka HOST:PORT [--threads 1,8,32] [--documents N] [--rounds N])");
      }
    }
    if (mongo == null || kafka == null) {
      throw new IllegalArgumentException("--mongo URI and --kafka HOST:PORT are required");
    }
    try (MongoClient client = MongoClients.create(mongo);
         KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaSettings.producer(kafka, "bench-durable"))) {
      MongoDatabase db = client.getDatabase("bench_durable");
      db.drop();
      Outbox outbox = new Outbox(new EventCodec(), "bench.", Clock.systemUTC());
      OutboxRelay relay = new OutboxRelay(db, producer).watch("with_outbox");
      relay.start();
      OutboxCost.rate(db.getCollection("warmup"), null, null, outbox, 8, documents); // JIT and file warm-up
      for (int n : threads) {
        double plain = 0;
        double withOutbox = 0;
        for (int round = 0; round < rounds; round++) {
          plain = Math.max(plain, OutboxCost.rate(db.getCollection("plain"), null, null, outbox, n, documents)[0]);
          withOutbox = Math.max(withOutbox,
              OutboxCost.rate(db.getCollection("with_outbox"), relay, "with_outbox", outbox, n, documents)[0]);
        }
        System.out.printf("writers %3d: plain insert %6.0f/s, insert + outbox (sustained) %6.0f/s, ratio %.2f%n",
            n, plain, withOutbox, withOutbox / plain);
      }
      relay.close();
    }
  }
}
