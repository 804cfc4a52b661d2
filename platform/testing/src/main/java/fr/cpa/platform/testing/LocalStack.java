package fr.cpa.platform.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The real services integration tests talk to: PostgreSQL, Kafka, Keycloak and the SMTP sink, started by the
 * project's own script when they are not up yet. With {@code -Dcpa.stack=external} the tests only check them (for a
 * host where they run elsewhere, for example through deploy/compose).
 */
public final class LocalStack {

    public static final String KEYCLOAK_URL = System.getProperty("cpa.keycloak.url", "http://localhost:8180");
    public static final String KAFKA_BOOTSTRAP = System.getProperty("cpa.kafka.bootstrap", "127.0.0.1:9092");
    public static final String MAIL_API_URL = System.getProperty("cpa.mail.api.url", "http://127.0.0.1:8025");
    /** PostgreSQL of the stack, as every service's datasource reaches it (trust authentication for postgres). */
    public static final String POSTGRES_JDBC = System.getProperty("cpa.postgres.jdbc", "jdbc:postgresql://127.0.0.1:5432/");

    /** The password of the broker's super user admin: as kafka.sh gives it, from the environment or its default. */
    private static final String KAFKA_ADMIN_PASSWORD = System.getProperty("cpa.kafka.admin.password",
            System.getenv().getOrDefault("CPA_KAFKA_ADMIN_PASSWORD", "local-development-only-kafka-admin"));

    private static final List<Integer> PORTS = List.of(5432, 9092, 8180, 3025, 8025);
    private static boolean checked;

    private LocalStack() {
    }

    /** Makes sure every part of the stack answers, starting it through deploy/local/stack.sh when needed. */
    public static synchronized void ensureUp() {
        if (checked) {
            return;
        }
        List<Integer> closed = PORTS.stream().filter(p -> !open(p)).toList();
        if (!closed.isEmpty()) {
            if ("external".equals(System.getProperty("cpa.stack"))) {
                throw new IllegalStateException("The stack is not reachable on ports " + closed
                        + " and cpa.stack=external forbids starting it");
            }
            run(repositoryRoot().resolve("deploy/local/stack.sh").toString(), "up");
        }
        checked = true;
    }

    /**
     * Settings of a Kafka client of the tests: the stack's broker, as its super user admin, since a test plays every
     * service's part (publishing another service's events, reading any topic). Services run as their own users.
     */
    public static Properties kafkaClient() {
        return kafkaClient("admin", KAFKA_ADMIN_PASSWORD);
    }

    /** Settings of a Kafka client authenticated as the given user. */
    public static Properties kafkaClient(String user, String password) {
        Properties props = new Properties();
        props.put("bootstrap.servers", KAFKA_BOOTSTRAP);
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "SCRAM-SHA-512");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        return props;
    }

    /** The repository root: the first folder above the working directory that holds deploy/local. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/local"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No deploy/local folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Runs a project script, its output going to the test log, and fails when it fails. */
    public static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(repositoryRoot().toFile()).inheritIO().start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    static boolean open(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
