package fr.cpa.platform.webhooks;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads at most the first bytes of a receiver's answer and drops the rest (the exchange is cut there): a success is
 * not read at all, a failure keeps {@value #MAX_CHARS} characters for the attempt log, with control characters
 * blanked. A large or endless answer costs nothing.
 */
final class ResponseExcerpt implements BodySubscriber<String> {

    static final int MAX_CHARS = 200;
    private static final int MAX_BYTES = MAX_CHARS * 4;

    private final int maxBytes;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private ResponseExcerpt(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Nothing of a 2xx answer, the start of any other. */
    static HttpResponse.BodyHandler<String> handler() {
        return info -> new ResponseExcerpt(info.statusCode() / 100 == 2 ? 0 : MAX_BYTES);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (maxBytes == 0) {
            finish();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            int take = Math.min(item.remaining(), maxBytes - bytes.size());
            byte[] chunk = new byte[take];
            item.get(chunk);
            bytes.write(chunk, 0, take);
        }
        if (bytes.size() >= maxBytes) {
            finish();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        // What was read stands: the status code is what decides.
        result.complete(text());
    }

    @Override
    public void onComplete() {
        result.complete(text());
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    private void finish() {
        result.complete(text());
        subscription.cancel();
    }

    private String text() {
        String text = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        return clean(text);
    }

    /** At most {@value #MAX_CHARS} characters, control characters blanked; null when empty. */
    static String clean(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        text.codePoints().limit(MAX_CHARS).forEach(c -> kept.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String cut = kept.toString();
        // A code point above the BMP counts as two chars: the column holds 200.
        if (cut.length() <= MAX_CHARS) {
            return cut;
        }
        int end = Character.isHighSurrogate(cut.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return cut.substring(0, end);
    }
}
