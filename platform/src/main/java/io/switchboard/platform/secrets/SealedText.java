package io.switchboard.platform.secrets;

import io.quarkus.arc.Arc;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * An entity's secret, sealed in its column and open in the entity: {@code @Convert(converter = SealedText.class)}.
 * Dirty checking compares the open values, so a read never rewrites the row.
 */
@Converter
public class SealedText implements AttributeConverter<String, String> {

    @Override
    public String convertToDatabaseColumn(String plaintext) {
        return box().seal(plaintext);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return box().open(stored);
    }

    private static SecretBox box() {
        return Arc.container().instance(SecretBox.class).get();
    }
}
