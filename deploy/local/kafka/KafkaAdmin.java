// Small admin client for the local broker, because kafka-tools (the topic CLI) is not in our Maven repository.
// Usage: java -cp "libs/*" KafkaAdmin.java ready | create-topics FILE | access FILE | list
//        | dead-letters TOPIC [--values] | replay TOPIC [--all]   (docs/operations.md, "Dead letters")
// Bootstrap servers: $CPA_KAFKA_BOOTSTRAP, default 127.0.0.1:9092; connects as the super user admin
// (password $CPA_KAFKA_ADMIN_PASSWORD, which kafka.sh sets).
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
        props.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "SCRAM-SHA-512");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"admin\" password=\"" + password("admin") + "\";");
        try (Admin admin = Admin.create(props)) {
            switch (args[0]) {
                case "ready" -> ready(admin);
                case "create-topics" -> {
                    if (args.length != 2) usage();
                    createTopics(admin, parse(Path.of(args[1])));
                }
                case "access" -> {
                    if (args.length != 2) usage();
                    access(admin, Path.of(args[1]));
                }
                case "list" -> list(admin);
                case "dead-letters" -> {
                    if (args.length < 2) usage();
                    deadLetters(props, args[1], List.of(args).contains("--values"));
                }
                case "replay" -> {
                    if (args.length < 2) usage();
                    replay(props, args[1], List.of(args).contains("--all"));
                }
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

    // Idempotent: each user of the file gets a SCRAM credential (its password from the environment) and exactly the
    // ACLs the file lists for it: missing ones are created, others it holds are deleted.
    static void access(Admin admin, Path file) throws Exception {
        Map<String, Set<AclBinding>> wanted = new LinkedHashMap<>();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.replaceFirst("#.*", "").trim();
            if (line.isEmpty()) continue;
            String[] f = line.split("\\s+");
            if (f.length != 3) throw new IllegalArgumentException("expected 'user kind name': " + raw);
            String principal = "User:" + f[0];
            Set<AclBinding> bindings = wanted.computeIfAbsent(f[0], u -> new HashSet<>());
            switch (f[1]) {
                case "write" -> {
                    bindings.add(allow(ResourceType.TOPIC, f[2], PatternType.LITERAL, principal, AclOperation.WRITE));
                    bindings.add(allow(ResourceType.TOPIC, f[2], PatternType.LITERAL, principal, AclOperation.DESCRIBE));
                }
                case "read" -> {
                    bindings.add(allow(ResourceType.TOPIC, f[2], PatternType.LITERAL, principal, AclOperation.READ));
                    bindings.add(allow(ResourceType.TOPIC, f[2], PatternType.LITERAL, principal, AclOperation.DESCRIBE));
                }
                case "group" -> bindings.add(allow(ResourceType.GROUP, f[2], PatternType.LITERAL, principal,
                        AclOperation.READ));
                case "group-prefix" -> bindings.add(allow(ResourceType.GROUP, f[2], PatternType.PREFIXED, principal,
                        AclOperation.READ));
                default -> throw new IllegalArgumentException("unknown kind " + f[1] + ": " + raw);
            }
        }
        List<UserScramCredentialAlteration> credentials = new ArrayList<>();
        for (String user : wanted.keySet()) {
            credentials.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password(user)));
        }
        admin.alterUserScramCredentials(credentials).all().get(30, TimeUnit.SECONDS);

        Set<AclBinding> held = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS));
        Set<AclBinding> all = new HashSet<>();
        wanted.values().forEach(all::addAll);
        List<AclBinding> missing = all.stream().filter(b -> !held.contains(b)).toList();
        List<AclBindingFilter> extra = held.stream()
                .filter(b -> wanted.containsKey(b.entry().principal().substring("User:".length())) && !all.contains(b))
                .map(AclBinding::toFilter).toList();
        if (!missing.isEmpty()) admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
        if (!extra.isEmpty()) admin.deleteAcls(extra).all().get(30, TimeUnit.SECONDS);
        System.out.println("access: " + wanted.size() + " users, " + all.size() + " ACLs (" + missing.size()
                + " added, " + extra.size() + " revoked)");
    }

    static AclBinding allow(ResourceType type, String name, PatternType pattern, String principal, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }

    // CPA_LEDGER_KAFKA_PASSWORD for ledger, CPA_PLATFORM_TEST_KAFKA_PASSWORD for platform-test,
    // CPA_KAFKA_ADMIN_PASSWORD for admin; the development default is refused when CPA_PROFILE=prod.
    static String password(String user) {
        String variable = "admin".equals(user) ? "CPA_KAFKA_ADMIN_PASSWORD"
                : "CPA_" + user.toUpperCase(Locale.ROOT).replace('-', '_') + "_KAFKA_PASSWORD";
        String value = System.getenv(variable);
        if (value != null && !value.isBlank()) return value;
        if ("prod".equals(System.getenv("CPA_PROFILE"))) {
            throw new IllegalStateException("CPA_PROFILE=prod: set " + variable);
        }
        return "admin".equals(user) ? "local-development-only-kafka-admin" : "local-development-only-" + user + "-kafka";
    }

    static void list(Admin admin) throws Exception {
        Set<String> names = new TreeSet<>(admin.listTopics().names().get(10, TimeUnit.SECONDS));
        if (names.isEmpty()) return;
        for (TopicDescription d : admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values()
                .stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            System.out.println(d.name() + " " + d.partitions().size());
        }
    }

    // Every record of a dead-letter topic, oldest first: position, key, headers (the reason among them). Values may
    // hold personal data: shown only with --values.
    static void deadLetters(Properties base, String topic, boolean values) {
        try (KafkaConsumer<String, String> consumer = consumer(base, null)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            forEachUpToEnd(consumer, partitions, r -> {
                System.out.println(r.topic() + "-" + r.partition() + "@" + r.offset() + " key=" + r.key());
                for (Header h : r.headers()) {
                    System.out.println("  " + h.key() + ": " + new String(h.value(), StandardCharsets.UTF_8));
                }
                System.out.println(values ? "  value: " + r.value()
                        : "  value: " + (r.value() == null ? 0 : r.value().length()) + " characters (--values)");
            });
        }
    }

    // Sends the dead letters not replayed yet back to the topic each came from (header dead-letter-topic), with
    // their key, value and headers less the dead-letter-* ones, and remembers how far it went (consumer group
    // cpa-dead-letters-replay), so a second replay sends only newer ones. Consumers drop events they already
    // applied (by event id); one that fails again comes back here. Unreadable records would only come back: they
    // are skipped unless --all (after a consumer's fix that now reads them).
    static void replay(Properties base, String topic, boolean all) {
        Properties producerProps = new Properties();
        producerProps.putAll(base);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        int[] counts = new int[2];
        try (KafkaConsumer<String, String> consumer = consumer(base, "cpa-dead-letters-replay");
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                        new StringSerializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                if (done == null) consumer.seekToBeginning(List.of(partition));
                else consumer.seek(partition, done.offset());
            }
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            forEachUpToEnd(consumer, partitions, r -> {
                next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                Header origin = r.headers().lastHeader("dead-letter-topic");
                Header exception = r.headers().lastHeader("dead-letter-exception-class-name");
                boolean unreadable = exception != null && new String(exception.value(), StandardCharsets.UTF_8)
                        .endsWith("UnreadableEventException");
                if (origin == null || (unreadable && !all)) {
                    counts[1]++;
                    return;
                }
                ProducerRecord<String, String> again = new ProducerRecord<>(
                        new String(origin.value(), StandardCharsets.UTF_8), r.key(), r.value());
                for (Header h : r.headers()) {
                    if (!h.key().startsWith("dead-letter-")) again.headers().add(h);
                }
                producer.send(again);
                counts[0]++;
            });
            producer.flush();
            consumer.commitSync(next);
        }
        System.out.println("replayed " + counts[0] + ", skipped " + counts[1] + " (unreadable, see --all)");
    }

    static KafkaConsumer<String, String> consumer(Properties base, String group) {
        Properties props = new Properties();
        props.putAll(base);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (group != null) props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) throw new IllegalArgumentException("no topic " + topic);
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    // Up to the end offsets of when it started: what failed meanwhile waits for the next run.
    static void forEachUpToEnd(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions,
            Consumer<ConsumerRecord<String, String>> action) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) action.accept(r);
            }
        }
    }

    static void usage() {
        System.err.println("usage: KafkaAdmin ready | create-topics FILE | access FILE | list | dead-letters TOPIC [--values]"
                + " | replay TOPIC [--all]");
        System.exit(2);
    }
}
