package io.switchboard.channel.store;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A short list of instants in one column: epoch milliseconds, comma-separated. */
@Converter
public class InstantListConverter implements AttributeConverter<List<Instant>, String> {

    @Override
    public String convertToDatabaseColumn(List<Instant> instants) {
        if (instants == null || instants.isEmpty()) {
            return null;
        }
        return String.join(
                ",",
                instants.stream()
                        .map(instant -> Long.toString(instant.toEpochMilli()))
                        .toList());
    }

    @Override
    public List<Instant> convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        return Arrays.stream(column.split(","))
                .map(millis -> Instant.ofEpochMilli(Long.parseLong(millis.trim())))
                .toList();
    }
}
