package io.switchboard.platform.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;

/**
 * Request bodies are read strictly: what the API documents, nothing else. A field the API does not know (a typo such as
 * {@code "ttl"} for {@code "ttlSeconds"}), a value of another JSON type (a number for a string, a money amount, an enum
 * or a boolean; a string for a number or a boolean; {@code 1.5} for a whole number), {@code null} for a primitive, a
 * key twice, anything after the JSON value, and a control character in any string (NUL, which PostgreSQL refuses, and
 * escape sequences that would reach e-mails and terminals; tab and line breaks are text) are refused (400). It reads
 * every REST body of every service; provider webhooks, which carry fields nobody asked for, are read as text by their
 * resource, and events on Kafka stay lenient, so that a producer may add fields.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER) // the services' REST clients read what providers send, fields nobody asked for too
public class StrictJsonResolver implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    public StrictJsonResolver(ObjectMapper mapper) {
        this.strict = strict(mapper);
    }

    /** A copy of {@code mapper} that reads as described above. */
    public static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        strict.registerModule(new SimpleModule("switchboard-strict-strings")
                .addDeserializer(String.class, new TextWithoutControls()));
        return strict;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }

    /** A string without control characters (tab, line feed and carriage return are text). */
    static final class TextWithoutControls extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (text != null) {
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                        throw new ControlCharacterException(
                                parser,
                                String.format("contains a control character (U+%04X), which is not allowed", (int) c));
                    }
                }
            }
            return text;
        }
    }

    /** A string with a control character: answered 400 naming the field. */
    public static final class ControlCharacterException extends MismatchedInputException {

        ControlCharacterException(JsonParser parser, String message) {
            super(parser, message, String.class);
        }
    }
}
