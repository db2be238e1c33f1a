package vn.motcua.reporting.projection;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends records no projection can read (a poison message) to the dead-letter topic, with where they came from and
 * why, and waits for the broker's acknowledgement before the projection moves its checkpoint past them.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final String bootstrap;
    private final String topic;
    private final MeterRegistry metrics;
    private volatile KafkaProducer<byte[], byte[]> producer;

    public DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                       @ConfigProperty(name = "motcua.reporting.dead-letter-topic") String topic,
                       MeterRegistry metrics) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.metrics = metrics;
    }

    public String topic() {
        return topic;
    }

    public void send(String projection, ConsumerRecord<byte[], byte[]> record, Exception reason) {
        LOG.warnf("%s: record %s-%d@%d cannot be read, sent to %s: %s", projection, record.topic(),
                record.partition(), record.offset(), topic, reason.getMessage());
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, null, record.key(), record.value());
        out.headers().add("motcua-dlq-projection", projection.getBytes(StandardCharsets.UTF_8));
        out.headers().add("motcua-dlq-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        out.headers().add("motcua-dlq-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        out.headers().add("motcua-dlq-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        String why = String.valueOf(reason.getMessage());
        out.headers().add("motcua-dlq-reason", why.getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(out).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // not acknowledged: fail the batch so the checkpoint stays before the record and it is tried again
            throw new IllegalStateException("dead-letter topic " + topic + " unavailable", e);
        }
        metrics.counter("motcua.projection.dead.letters", "projection", projection).increment();
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            ensureTopic();
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
                    ProducerConfig.CLIENT_ID_CONFIG, "reporting-service.dead-letters"),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, java.util.Optional.of(1), java.util.Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf("could not create %s: %s", topic, e.getMessage());
            }
        } catch (Exception e) {
            LOG.warnf("could not create %s: %s", topic, e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
