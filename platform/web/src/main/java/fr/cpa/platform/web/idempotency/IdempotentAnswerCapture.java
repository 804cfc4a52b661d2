package fr.cpa.platform.web.idempotency;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;

/**
 * Stores the answer of an {@link Idempotent} call byte for byte as it is serialised, so a replay sends exactly
 * what the first call sent.
 */
@Provider
@Idempotent
public class IdempotentAnswerCapture implements WriterInterceptor {

    private final IdempotencyStore store;

    @Inject
    IdempotentAnswerCapture(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getProperty(IdempotencyFilters.ANSWER_STATUS) instanceof Integer status)) {
            context.proceed();
            return;
        }
        IdempotencyStore.Request claimed = (IdempotencyStore.Request) context.getProperty(IdempotencyFilters.CLAIMED);
        OutputStream client = context.getOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        context.setOutputStream(body);
        try {
            context.proceed();
        } catch (IOException | RuntimeException e) {
            store.release(claimed);
            throw e;
        } finally {
            context.setOutputStream(client);
        }
        byte[] bytes = body.toByteArray();
        store.complete(claimed, status, context.getMediaType() == null ? null : context.getMediaType().toString(), bytes);
        client.write(bytes);
    }
}
