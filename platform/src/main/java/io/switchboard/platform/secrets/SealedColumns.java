package io.switchboard.platform.secrets;

import java.util.List;

/**
 * Columns of a table that hold sealed secrets: a service that stores secrets produces one per table, so that the
 * {@link Resealer} reseals them with the first key and the start refuses to run without keys.
 *
 * @param idColumn the table's primary key (a single column)
 */
public record SealedColumns(String table, String idColumn, List<String> columns) {}
