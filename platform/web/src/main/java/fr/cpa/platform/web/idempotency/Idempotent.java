package fr.cpa.platform.web.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks a write whose callers must send an {@code Idempotency-Key} header: a retry with the same key (same caller,
 * same method, path and body) gets the first answer again, with {@code Idempotent-Replayed: true}, and the method
 * does not run twice. The method must be blocking (the default for non-reactive return types) and the service needs
 * its default datasource, with Flyway migrating the platform's repeatable migrations.
 */
@NameBinding
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {

    /** The request header carrying the key. */
    String KEY_HEADER = "Idempotency-Key";

    /** The response header marking a replayed answer. */
    String REPLAYED_HEADER = "Idempotent-Replayed";
}
