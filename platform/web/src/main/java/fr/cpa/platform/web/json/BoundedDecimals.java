package fr.cpa.platform.web.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import fr.cpa.platform.web.input.Decimals;
import fr.cpa.platform.web.input.InvalidDecimalException;

/**
 * JSON numbers read as decimals (BigDecimal, double, float) go through {@link Decimals} first. Jackson's own limit
 * on a number's length (1000 characters) says nothing of its exponent, and refuses without naming the property.
 * Jackson's deserializers still do the reading, so nulls and coercions behave as configured; integer properties
 * need nothing: a number with a fraction or an exponent is refused for them ({@link StrictJson}).
 */
final class BoundedDecimals extends BeanDeserializerModifier {

    private static final Set<Class<?>> DECIMAL_TYPES = Set.of(BigDecimal.class, Double.class, double.class,
            Float.class, float.class);

    private BoundedDecimals() {
    }

    static Module module() {
        return new SimpleModule("bounded-decimals").setDeserializerModifier(new BoundedDecimals());
    }

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
            JsonDeserializer<?> deserializer) {
        return DECIMAL_TYPES.contains(description.getBeanClass()) ? new Checked(deserializer) : deserializer;
    }

    private static final class Checked extends DelegatingDeserializer {

        Checked(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Checked(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_NUMBER_FLOAT) || p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                try {
                    // The token's text, not yet converted to a number.
                    Decimals.check(p.getText());
                } catch (InvalidDecimalException e) {
                    // Without the value: the problem answer never quotes the client's input.
                    InvalidFormatException refused = InvalidFormatException.from(p, e.reason(), null, handledType());
                    refused.initCause(e);
                    throw refused;
                }
            }
            return super.deserialize(p, ctxt);
        }
    }
}
