package io.cdcsdk.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One Apache Kafka broker in KRaft mode (a combined broker and controller) in the test's JVM, on a
 * loopback port, with its logs under {@code target/}: Kafka's own {@code KafkaClusterTestKit}.
 */
public final class InProcessKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private InProcessKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** {@return a started broker, ready for clients} */
    public static InProcessKafka start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "kafka"));
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBaseDirectory(Files.createTempDirectory(dir, "kraft")).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        PrintStream out = System.out;
        try {
            // formatting the metadata directory prints to standard output, which no logger setting silences
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            cluster.format();
        } finally {
            System.setOut(out);
        }
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new InProcessKafka(cluster);
    }

    /** {@return the bootstrap servers} */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates a topic of {@code partitions} partitions, replication 1. */
    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(java.util.List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** {@return client properties with the bootstrap servers} */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        return p;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not close", e);
        }
    }
}
