// Small admin client for the local broker, because kafka-tools (the topic CLI) is not in our Maven repository.
// Usage: java -cp "libs/*" KafkaAdmin.java ready | create-topics FILE | list
// Bootstrap servers: $CPA_KAFKA_BOOTSTRAP, default 127.0.0.1:9092.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

public class KafkaAdmin {

    record TopicSpec(String name, int partitions, String retentionMs) {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) usage();
        String bootstrap = System.getenv().getOrDefault("CPA_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(props)) {
            switch (args[0]) {
                case "ready" -> ready(admin);
                case "create-topics" -> {
                    if (args.length != 2) usage();
                    createTopics(admin, parse(Path.of(args[1])));
                }
                case "list" -> list(admin);
                default -> usage();
            }
        }
    }

    // The port answers before the broker has joined the quorum; a metadata round trip proves it serves requests.
    static void ready(Admin admin) throws Exception {
        var nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        if (nodes.isEmpty()) throw new IllegalStateException("no broker registered yet");
        admin.listTopics().names().get(10, TimeUnit.SECONDS);
        System.out.println("ready: " + nodes.size() + " broker(s)");
    }

    static List<TopicSpec> parse(Path file) throws Exception {
        List<TopicSpec> specs = new ArrayList<>();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.replaceFirst("#.*", "").trim();
            if (line.isEmpty()) continue;
            String[] f = line.split("\\s+");
            if (f.length != 3) throw new IllegalArgumentException("expected 'name partitions retention.ms': " + raw);
            specs.add(new TopicSpec(f[0], Integer.parseInt(f[1]), String.valueOf(Long.parseLong(f[2]))));
        }
        return specs;
    }

    // Idempotent: creates what is missing, raises partition counts and retention to match the file.
    static void createTopics(Admin admin, List<TopicSpec> specs) throws Exception {
        Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        List<NewTopic> toCreate = new ArrayList<>();
        for (TopicSpec s : specs) {
            if (!existing.contains(s.name())) {
                toCreate.add(new NewTopic(s.name(), s.partitions(), (short) 1)
                        .configs(Map.of("retention.ms", s.retentionMs())));
            }
        }
        for (NewTopic t : toCreate) {
            try {
                admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
                System.out.println("created " + t.name() + " (" + t.numPartitions() + " partitions)");
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
            }
        }
        List<String> others = specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
        if (others.isEmpty()) return;
        Map<String, TopicDescription> described = admin.describeTopics(others).allTopicNames().get(10, TimeUnit.SECONDS);
        for (TopicSpec s : specs) {
            TopicDescription d = described.get(s.name());
            if (d == null) continue;
            int current = d.partitions().size();
            if (current < s.partitions()) {
                admin.createPartitions(Map.of(s.name(), NewPartitions.increaseTo(s.partitions()))).all().get(30, TimeUnit.SECONDS);
                System.out.println("raised " + s.name() + " to " + s.partitions() + " partitions");
            } else if (current > s.partitions()) {
                System.out.println("warning: " + s.name() + " has " + current + " partitions, more than the "
                        + s.partitions() + " configured (Kafka cannot shrink a topic)");
            }
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, s.name());
            String retention = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS)
                    .get(resource).get("retention.ms").value();
            if (!s.retentionMs().equals(retention)) {
                Collection<AlterConfigOp> ops = List.of(new AlterConfigOp(
                        new ConfigEntry("retention.ms", s.retentionMs()), AlterConfigOp.OpType.SET));
                admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(10, TimeUnit.SECONDS);
                System.out.println("set " + s.name() + " retention.ms=" + s.retentionMs());
            }
        }
    }

    static void list(Admin admin) throws Exception {
        Set<String> names = new TreeSet<>(admin.listTopics().names().get(10, TimeUnit.SECONDS));
        if (names.isEmpty()) return;
        for (TopicDescription d : admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values()
                .stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            System.out.println(d.name() + " " + d.partitions().size());
        }
    }

    static void usage() {
        System.err.println("usage: KafkaAdmin ready | create-topics FILE | list");
        System.exit(2);
    }
}
