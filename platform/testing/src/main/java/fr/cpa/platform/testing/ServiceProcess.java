package fr.cpa.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Another service of the repository, run from its built jar for a test that needs the real thing (the ledger asking
 * identity for consents): on a free port of the loopback, with configuration given as system properties, ready once
 * its {@code /q/health/ready} answers 200 (on its management interface, on a free port too, when it has one: the
 * gateway). Its output goes to a log file under the calling module's {@code target}.
 * The jar must be built first (in CI the reactor builds services in dependency order). The process inherits the
 * environment (the stack's addresses and secrets) except the caller's own messaging and Quarkus variables.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STOP = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;
    private final String url;
    private final String healthUrl;

    private ServiceProcess(String name, Process process, Path log, String url, String healthUrl) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.url = url;
        this.healthUrl = healthUrl;
    }

    /**
     * Starts {@code services/<name>}'s jar and waits until it is ready.
     *
     * @param config Quarkus or service properties, passed as {@code -Dkey=value}
     */
    public static ServiceProcess start(String name, Map<String, String> config, Duration readyWithin) {
        LocalStack.ensureUp();
        Path jar = LocalStack.repositoryRoot().resolve("services").resolve(name)
                .resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No built " + name + " service (" + jar + "): build it first with "
                    + "mvn -pl services/" + name + " -am package -DskipTests");
        }
        int port = freePort();
        int managementPort = freePort();
        while (managementPort == port) {
            managementPort = freePort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        // The local stack's profiles: production's settings, with its development secrets allowed.
        command.add("-Dquarkus.profile=" + config.getOrDefault("quarkus.profile", "prod,local"));
        // Unused by a service without a management interface; the gateway's own 9080 may be taken by a running one.
        command.add("-Dquarkus.management.port=" + managementPort);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        String url = "http://127.0.0.1:" + port;
        String health = (hasManagementInterface(name) ? "http://127.0.0.1:" + managementPort : url) + "/q/health/ready";
        Path log = Path.of("target", name + "-process.log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // Variables that configure the calling service (its channels, Quarkus settings) would configure the
            // sibling too, under names it does not know: they stay with the caller.
            builder.environment().keySet().removeIf(n -> n.startsWith("MP_MESSAGING_") || n.startsWith("QUARKUS_"));
            Process process = builder.start();
            ServiceProcess service = new ServiceProcess(name, process, log, url, health);
            service.awaitReady(readyWithin);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " service", e);
        }
    }

    /** The service's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return url;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the service (SIGTERM, then a kill if it does not stop in time). Safe to call twice. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills the service at once (SIGKILL), as a crash or an operator's kill -9 would: no shutdown hook runs. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration within) {
        Instant deadline = Instant.now().plus(within);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(healthUrl)).timeout(Duration.ofSeconds(5))
                .GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The " + name + " service stopped at start (exit "
                        + process.exitValue() + "); see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while starting the " + name + " service", e);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while starting the " + name + " service", e);
            }
        }
        close();
        throw new IllegalStateException("The " + name + " service was not ready within " + within + "; see " + log);
    }

    /** Whether the service serves its health on a management interface, as its configuration says. */
    private static boolean hasManagementInterface(String name) {
        Path config = LocalStack.repositoryRoot().resolve("services").resolve(name)
                .resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config, e);
        }
        return "true".equals(properties.getProperty("quarkus.management.enabled"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
