package vn.motcua.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.ds.PGSimpleDataSource;
import vn.motcua.testinfra.KafkaBroker;
import vn.motcua.testinfra.PostgresServer;
import vn.motcua.testinfra.TopicReader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay against a real PostgreSQL and a real broker: per key the records arrive in the order the rows were
 * written, a row is marked published only once the broker has acknowledged it, and two instances at once publish
 * every row once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxRelayTest {
    static final long LOCK = 0x7465_7374_0001L;

    PostgresServer postgres;
    KafkaBroker kafka;
    PGSimpleDataSource dataSource;
    final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeAll
    void start() throws SQLException {
        postgres = PostgresServer.startEphemeral();
        kafka = KafkaBroker.startEphemeral();
        postgres.createServiceDatabase("relaytest", "relay", "relay-pw");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl("relaytest"));
        dataSource.setUser("relay");
        dataSource.setPassword("relay-pw");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // the table as the services' migrations create it (their V1, then db/outbox)
            s.execute("create table outbox (id bigserial primary key, event_id uuid not null unique,"
                    + " topic varchar(200) not null, record_key varchar(200) not null, event_type varchar(100) not null,"
                    + " payload text not null, created_at timestamptz not null, published_at timestamptz,"
                    + " trace_parent varchar(55))");
        }
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
        relays.clear();
        if (!kafka.isRunning()) {
            kafka.start();
        }
    }

    @AfterAll
    void stop() {
        kafka.close();
        postgres.close();
    }

    OutboxRelay relay(String name, String topic) {
        Map<String, String> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        p.put("motcua.outbox.poll-interval", "PT0.05S");
        p.put("motcua.outbox.batch-size", "50");
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(p, "test", 100)).build();
        OutboxRelay r = new OutboxRelay(dataSource, Clock.systemUTC(), new SimpleMeterRegistry(), config, name, LOCK,
                List.of(new OutboxRelay.TopicSpec(topic, Map.of())));
        relays.add(r);
        r.start();
        return r;
    }

    /** Writes rows as a service's transactions would: {@code perKey} events for each key, interleaved. */
    Map<String, List<String>> write(String topic, int keys, int perKey) throws SQLException {
        Map<String, List<String>> written = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into outbox"
                + " (event_id, topic, record_key, event_type, payload, created_at) values (?, ?, ?, 'Test', ?, ?)")) {
            for (int n = 0; n < perKey; n++) {
                for (int k = 0; k < keys; k++) {
                    String key = topic + "-key-" + k;
                    String payload = "{\"key\":\"" + key + "\",\"n\":" + n + "}";
                    ps.setObject(1, UUID.randomUUID());
                    ps.setString(2, topic);
                    ps.setString(3, key);
                    ps.setString(4, payload);
                    ps.setObject(5, Instant.now().atOffset(ZoneOffset.UTC));
                    ps.executeUpdate();
                    written.computeIfAbsent(key, x -> new ArrayList<>()).add(payload);
                }
            }
        }
        return written;
    }

    long unpublished(String topic) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from outbox where topic = ? and published_at is null")) {
            ps.setString(1, topic);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    Map<String, List<String>> onTopic(String topic) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        TopicReader.readAll(kafka.bootstrapServers(), topic)
                .forEach(m -> out.computeIfAbsent(m.key(), x -> new ArrayList<>()).add(m.value()));
        return out;
    }

    @Test
    void perKeyTheRecordsArriveInTheOrderTheRowsWereWritten() throws SQLException {
        String topic = "relay.order." + UUID.randomUUID();
        relay("relay-order", topic);
        Map<String, List<String>> written = write(topic, 7, 40);
        await().atMost(Duration.ofSeconds(60)).until(() -> unpublished(topic) == 0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(onTopic(topic)).isEqualTo(written));
    }

    @Test
    void aRowIsMarkedPublishedOnlyOnceTheBrokerHasAcknowledgedIt() throws Exception {
        String topic = "relay.ack." + UUID.randomUUID();
        relay("relay-ack", topic);
        Map<String, List<String>> first = write(topic, 1, 5);
        await().atMost(Duration.ofSeconds(60)).until(() -> unpublished(topic) == 0);

        kafka.stop();
        Map<String, List<String>> more = write(topic, 3, 10);
        Thread.sleep(3_000); // the relay keeps trying meanwhile: nothing may be marked while the broker is away
        assertThat(unpublished(topic)).isEqualTo(30);
        kafka.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> unpublished(topic) == 0);

        Map<String, List<String>> expected = new LinkedHashMap<>(first);
        more.forEach((k, v) -> expected.merge(k, v, (a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(onTopic(topic)).isEqualTo(expected));
    }

    @Test
    void twoInstancesAtOncePublishEveryRowOnceAndInOrder() throws SQLException {
        String topic = "relay.two." + UUID.randomUUID();
        relay("relay-a", topic);
        relay("relay-b", topic);
        Map<String, List<String>> written = write(topic, 5, 60);
        await().atMost(Duration.ofSeconds(60)).until(() -> unpublished(topic) == 0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(onTopic(topic)).isEqualTo(written));
    }
}
