package village.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerIT {

  static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
        new StringSerializer(), new StringSerializer());
  }

  /** The broker creates no topic by itself (auto.create.topics.enable=false): tests that produce raw records create theirs. */
  static void createTopic(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1))).all().get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) throw e;
    }
  }

  static List<ConsumerRecord<String, String>> consumeAll(String bootstrap, String topic, int expected) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, String>> got = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (got.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(got::add);
      }
      return got;
    }
  }

  @Test
  void producesConsumesAndKeepsDataAcrossRestart(@TempDir Path dir) throws Exception {
    long t0 = System.nanoTime();
    KafkaBroker broker = KafkaBroker.start(dir, 0, 0);
    System.out.printf("Kafka broker first start (format + start): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    try {
      String topic = "village.test.v1";
      createTopic(broker.bootstrapServers(), topic);
      RecordMetadata md;
      try (KafkaProducer<String, String> p = producer(broker.bootstrapServers())) {
        md = p.send(new ProducerRecord<>(topic, "k1", "你好 village")).get();
      }
      assertThat(md.offset()).isZero();
      List<ConsumerRecord<String, String>> got = consumeAll(broker.bootstrapServers(), topic, 1);
      assertThat(got).hasSize(1);
      assertThat(got.get(0).key()).isEqualTo("k1");
      assertThat(got.get(0).value()).isEqualTo("你好 village");

      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
      }
      // nothing is created by accident: a record for an unknown topic is refused, the topic does not appear
      try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000),
          new StringSerializer(), new StringSerializer())) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.send(new ProducerRecord<>("never.created.v1", "k", "v")).get())
            .hasMessageContaining("not present in metadata");
      }
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        assertThat(admin.listTopics().names().get()).contains(topic).doesNotContain("never.created.v1");
      }

      int port = broker.port();
      long s0 = System.nanoTime();
      broker.stop();
      System.out.printf("Kafka broker stop: %d ms%n", (System.nanoTime() - s0) / 1_000_000);
      assertThat(broker.isRunning()).isFalse();

      long r0 = System.nanoTime();
      broker.start();
      System.out.printf("Kafka broker restart on same dir/ports: %d ms%n", (System.nanoTime() - r0) / 1_000_000);
      assertThat(broker.port()).isEqualTo(port);

      try (KafkaProducer<String, String> p = producer(broker.bootstrapServers())) {
        p.send(new ProducerRecord<>(topic, "k1", "second")).get();
      }
      List<ConsumerRecord<String, String>> after = consumeAll(broker.bootstrapServers(), topic, 2);
      assertThat(after).extracting(ConsumerRecord::value).containsExactly("你好 village", "second");

      // a second, separate instance on the same directory and ports also sees the data
      broker.stop();
      KafkaBroker again = KafkaBroker.start(dir, broker.port(), broker.controllerPort());
      try {
        assertThat(consumeAll(again.bootstrapServers(), topic, 2)).hasSize(2);
      } finally {
        again.stop();
      }
    } finally {
      broker.stop();
    }
  }
}
