package vn.motcua.testinfra;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Entry point of the broker's own JVM: a single-node KRaft Kafka broker. It prints a ready line on stdout and stops
 * when its standard input closes, so it never outlives the process that started it, even one killed with SIGKILL.
 */
public final class KafkaBrokerMain {
    static final String READY = "MOTCUA-KAFKA-READY";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = parse(args);
        int port = Integer.parseInt(opts.get("port"));
        int controllerPort = Integer.parseInt(opts.get("controller-port"));
        Path logDir = Path.of(opts.get("log-dir"));
        String clusterId = opts.get("cluster-id");

        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(port)
                .withControllerPort(controllerPort)
                .withClusterId(clusterId)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(p -> {
                    p.put("log.dir", logDir.toString());
                    p.put("log.dirs", logDir.toString());
                    p.put("num.partitions", "3");
                    p.put("auto.create.topics.enable", "true");
                    p.put("offsets.topic.replication.factor", "1");
                    p.put("offsets.topic.num.partitions", "10");
                    p.put("transaction.state.log.replication.factor", "1");
                    p.put("transaction.state.log.min.isr", "1");
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("log.cleaner.enable", "true");
                });
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
        System.out.println(READY + " " + broker.getAdvertisedListeners());
        System.out.flush();

        // Block until the parent goes away (stdin EOF) or a signal arrives (shutdown hook).
        while (System.in.read() != -1) {
            // ignore input
        }
        broker.close();
        System.exit(0);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : new String[]{"port", "controller-port", "log-dir", "cluster-id"}) {
            if (!opts.containsKey(required)) {
                throw new IllegalArgumentException("missing --" + required);
            }
        }
        return opts;
    }
}
