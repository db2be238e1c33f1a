package vn.motcua.consumer;

import io.smallrye.mutiny.Uni;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Sends a record a consumer cannot apply to the consumer's dead-letter topic: the original key, value and headers,
 * and in headers of its own where it came from and why. Completes only once the broker has acknowledged, so the
 * consumer never moves past a record that is neither applied nor dead-lettered.
 */
@ApplicationScoped
public class DeadLetterPublisher {
    /** The headers a dead letter carries, beside the original record's own. */
    public static final String CONSUMER = "motcua-dlq-consumer";
    public static final String TOPIC = "motcua-dlq-topic";
    public static final String PARTITION = "motcua-dlq-partition";
    public static final String OFFSET = "motcua-dlq-offset";
    public static final String REASON = "motcua-dlq-reason";
    public static final String SQL_STATE = "motcua-dlq-sql-state";
    public static final String ERROR_CLASS = "motcua-dlq-error-class";

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final String bootstrap;
    private final boolean createTopics;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    private volatile KafkaProducer<byte[], byte[]> producer;

    public DeadLetterPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                               @ConfigProperty(name = "motcua.outbox.create-topics", defaultValue = "true") boolean createTopics) {
        this.bootstrap = bootstrap;
        this.createTopics = createTopics;
    }

    public Uni<Void> send(String deadLetterTopic, String consumer, ConsumerRecord<byte[], byte[]> record, Failure why) {
        return Uni.createFrom().deferred(() -> {
            ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value());
            if (record.headers() != null) {
                record.headers().forEach(h -> out.headers().add(h));
            }
            header(out, CONSUMER, consumer);
            header(out, TOPIC, record.topic());
            header(out, PARTITION, String.valueOf(record.partition()));
            header(out, OFFSET, String.valueOf(record.offset()));
            header(out, REASON, why.reason());
            header(out, SQL_STATE, why.sqlState());
            header(out, ERROR_CLASS, why.errorClass());
            CompletableFuture<Void> acked = new CompletableFuture<>();
            producer(deadLetterTopic).send(out, (metadata, e) -> {
                if (e != null) {
                    acked.completeExceptionally(e);
                } else {
                    acked.complete(null);
                }
            });
            return Uni.createFrom().completionStage(acked);
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()) // may block on metadata
                .ifNoItem().after(java.time.Duration.ofSeconds(30))
                .failWith(() -> new java.util.concurrent.TimeoutException("dead-letter topic " + deadLetterTopic + " unavailable"));
    }

    private static void header(ProducerRecord<byte[], byte[]> out, String name, String value) {
        if (value != null) {
            out.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private KafkaProducer<byte[], byte[]> producer(String topic) {
        if (createTopics && !ensured.contains(topic) && ensureTopic(topic)) {
            ensured.add(topic);
        }
        KafkaProducer<byte[], byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                            ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000),
                            new ByteArraySerializer(), new ByteArraySerializer());
                }
                p = producer;
            }
        }
        return p;
    }

    private boolean ensureTopic(String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get(20, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return true;
            }
            LOG.warnf("could not create %s: %s", topic, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("could not create %s: %s", topic, e.getMessage());
        }
        return false;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
