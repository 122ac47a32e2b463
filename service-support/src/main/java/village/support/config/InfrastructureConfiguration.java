package village.support.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.pojo.PojoCodecProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import village.events.Topics;
import village.messaging.EventCodec;
import village.messaging.KafkaSettings;
import village.messaging.Outbox;
import village.messaging.OutboxRelay;

/** The MongoDB client and database, the Kafka producer, the outbox and its relay. */
@Configuration(proxyBeanMethods = false)
public class InfrastructureConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Writes with {@link MongoWriteConcerns#of}: journaled majority unless configured or given in the URI. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  MongoClient mongoClient(VillageProperties props, MongoWrites writes) {
    var m = props.mongodb();
    var uri = new ConnectionString(m.uri());
    writes.attached();
    // the connection string's own options (e.g. ?serverSelectionTimeoutMS=, w=) are applied last and win
    return MongoClients.create(MongoClientSettings.builder()
        .applyToClusterSettings(c -> c.serverSelectionTimeout(m.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .applyToSocketSettings(s -> s.connectTimeout((int) m.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout((int) m.socketTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .applyConnectionString(uri)
        .writeConcern(MongoWriteConcerns.of(uri, m.writeConcern(), m.journal()))
        .addCommandListener(writes)
        .build());
  }

  @Bean
  MongoWrites mongoWrites() {
    return new MongoWrites();
  }

  @Bean
  @ConditionalOnMissingBean
  MongoDatabase mongoDatabase(MongoClient client, VillageProperties props) {
    var codecs = CodecRegistries.fromRegistries(
        MongoClientSettings.getDefaultCodecRegistry(),
        CodecRegistries.fromProviders(PojoCodecProvider.builder().automatic(true).build()));
    return client.getDatabase(props.mongodb().database()).withCodecRegistry(codecs);
  }

  @Bean
  EventCodec eventCodec() {
    return new EventCodec();
  }

  @Bean
  Outbox outbox(EventCodec codec, VillageProperties props, Clock clock) {
    return new Outbox(codec, props.kafka().topicPrefix(), clock);
  }

  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  Producer<String, String> kafkaProducer(VillageProperties props, @Value("${spring.application.name:village}") String app) {
    return new KafkaProducer<>(KafkaSettings.producer(props.kafka().bootstrapServers(), app));
  }

  /**
   * The relay; a service that writes a topic ({@link Topics#producedBy} its {@code spring.application.name}) also
   * sends watermarks to every partition of it (see docs/notes/freshness.md).
   */
  @Bean(destroyMethod = "")
  OutboxRelay outboxRelay(MongoDatabase db, Producer<String, String> producer, VillageProperties props, Clock clock,
      @Value("${spring.application.name:village}") String app) {
    var d = OutboxRelay.Settings.defaults();
    var o = props.outbox();
    OutboxRelay relay = new OutboxRelay(db, producer,
        new OutboxRelay.Settings(o.sweepInterval(), d.sendTimeout(), d.maxBackoff(), d.maxBatch()), null, clock);
    List<String> topics = Topics.producedBy(app).stream().map(t -> Topics.named(props.kafka().topicPrefix(), t)).toList();
    if (!topics.isEmpty() && o.watermarkInterval().isPositive()) {
      relay.withWatermarks(new OutboxRelay.WatermarkSettings(app, instanceId(o.instanceId()), topics,
          o.watermarkInterval(), o.inFlightLimit()));
    }
    return relay;
  }

  static String instanceId(String configured) {
    if (configured != null && !configured.isBlank()) return configured;
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "host";
    }
    return host + "-" + ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  @Bean
  OutboxRelayLifecycle outboxRelayLifecycle(OutboxRelay relay, Producer<String, String> producer) {
    return new OutboxRelayLifecycle(relay, producer);
  }

  /** Starts the relay when the context is up and stops it (then the producer) on shutdown. */
  static final class OutboxRelayLifecycle implements org.springframework.context.SmartLifecycle {
    private final OutboxRelay relay;
    private final Producer<String, String> producer;
    private volatile boolean running;

    OutboxRelayLifecycle(OutboxRelay relay, Producer<String, String> producer) {
      this.relay = relay;
      this.producer = producer;
    }

    @Override public void start() {
      relay.start();
      running = true;
    }

    @Override public void stop() {
      relay.close();
      producer.close(Duration.ofSeconds(5));
      running = false;
    }

    @Override public boolean isRunning() {
      return running;
    }
  }
}
