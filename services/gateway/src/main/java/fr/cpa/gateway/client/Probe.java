package fr.cpa.gateway.client;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

/** Cheap, bounded checks of what the gateway depends on, for the health report. */
@ApplicationScoped
public class Probe {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http;
    private final NetClient tcp;

    Probe(Vertx vertx) {
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) TIMEOUT.toMillis()).setKeepAlive(false));
        this.tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) TIMEOUT.toMillis()));
    }

    @PreDestroy
    void close() {
        http.close();
        tcp.close();
    }

    /** True when a GET of the URL answers 2xx in time. */
    public Uni<Boolean> httpOk(URI url) {
        Future<Boolean> ok = http.request(get(url))
                .compose(r -> r.send())
                .compose(r -> r.body().map(b -> r.statusCode() / 100 == 2));
        return toUni(ok);
    }

    /** The body of a 2xx answer to a GET of the URL, or empty when the service does not give one in time. */
    public Uni<Optional<String>> fetch(URI url) {
        Future<Optional<String>> body = http.request(get(url))
                .compose(r -> r.send())
                .compose(r -> r.body().map(b -> r.statusCode() / 100 == 2
                        ? Optional.of(b.toString())
                        : Optional.<String>empty()));
        return Uni.createFrom().completionStage(body.toCompletionStage())
                .onFailure().recoverWithItem(Optional.empty());
    }

    /** True when a TCP connection to {@code host:port} opens in time. */
    public Uni<Boolean> tcpOpen(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String host = hostAndPort.substring(0, colon);
        int port = Integer.parseInt(hostAndPort.substring(colon + 1));
        Future<Boolean> ok = tcp.connect(port, host).map(socket -> {
            socket.close();
            return true;
        });
        return toUni(ok);
    }

    private static RequestOptions get(URI url) {
        return new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(url.getHost())
                .setPort(url.getPort())
                .setURI(url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()))
                .setTimeout(TIMEOUT.toMillis());
    }

    private static Uni<Boolean> toUni(Future<Boolean> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage())
                .onFailure().recoverWithItem(false);
    }
}
