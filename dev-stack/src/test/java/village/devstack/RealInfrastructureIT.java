package village.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructure.class)
class RealInfrastructureIT {

  @Test
  void givesFreshNamespacesPerClassAndRealServers() throws Exception {
    Map<String, String> p = RealInfrastructure.properties(RealInfrastructureIT.class);
    assertThat(p).containsOnlyKeys("village.mongodb.uri", "village.mongodb.database",
        "village.kafka.bootstrap-servers", "village.kafka.topic-prefix", "village.security.jwt.jwk-set-uri");
    // the tests' issuer answers with the public half of the key the tests sign with
    var jwks = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(p.get("village.security.jwt.jwk-set-uri"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(jwks.statusCode()).isEqualTo(200);
    assertThat(jwks.body()).contains(LocalIssuer.get().key().kid()).doesNotContain("\"d\"");
    assertThat(RealInfrastructure.properties(RealInfrastructureIT.class)).isEqualTo(p);
    Map<String, String> other = RealInfrastructure.properties(TokensTest.class);
    assertThat(other.get("village.mongodb.database")).isNotEqualTo(p.get("village.mongodb.database"));
    assertThat(other.get("village.kafka.topic-prefix")).isNotEqualTo(p.get("village.kafka.topic-prefix"));
    assertThat(p.get("village.mongodb.database")).matches("t_RealInfrastructureIT_[0-9a-f]{6}");
    assertThat(p.get("village.kafka.topic-prefix")).matches("t[0-9a-f]{6}\\.");
    assertThat(p.get("village.mongodb.uri")).isEqualTo(RealInfrastructure.mongoUri());
    assertThat(p.get("village.kafka.bootstrap-servers")).isEqualTo(RealInfrastructure.kafkaBootstrapServers());

    try (MongoClient client = MongoClients.create(p.get("village.mongodb.uri"))) {
      var c = client.getDatabase(p.get("village.mongodb.database")).getCollection("c");
      c.insertOne(new Document("_id", "a"));
      assertThat(c.countDocuments()).isEqualTo(1);
    }
    String topic = p.get("village.kafka.topic-prefix") + "village.funds.v1";
    KafkaBrokerIT.createTopic(p.get("village.kafka.bootstrap-servers"), topic);
    try (KafkaProducer<String, String> producer = KafkaBrokerIT.producer(p.get("village.kafka.bootstrap-servers"))) {
      producer.send(new ProducerRecord<>(topic, "k", "v")).get();
    }
    assertThat(KafkaBrokerIT.consumeAll(p.get("village.kafka.bootstrap-servers"), topic, 1)).hasSize(1);
  }

  @Test
  void embeddedBrokerSurvivesAnOutage() throws Exception {
    Assumptions.assumeTrue(RealInfrastructure.embeddedKafka().isPresent(), "Kafka is external");
    KafkaBroker broker = RealInfrastructure.embeddedKafka().orElseThrow();
    String topic = "outage.v1";
    KafkaBrokerIT.createTopic(broker.bootstrapServers(), topic);
    try (KafkaProducer<String, String> producer = KafkaBrokerIT.producer(broker.bootstrapServers())) {
      producer.send(new ProducerRecord<>(topic, "k", "before")).get();
      broker.stop();
      // send() itself may block while the broker is away (waiting for metadata), so send from another thread
      java.util.concurrent.CompletableFuture<?> pending;
      try {
        pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return producer.send(new ProducerRecord<>(topic, "k", "during")).get();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        Thread.sleep(1000);
        assertThat(pending.isDone()).as("a send while the broker is down waits for it").isFalse();
      } finally {
        broker.start();
      }
      pending.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertThat(KafkaBrokerIT.consumeAll(broker.bootstrapServers(), topic, 2))
        .extracting(r -> r.value()).containsExactly("before", "during");
  }
}
