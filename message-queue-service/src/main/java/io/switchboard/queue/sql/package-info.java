/**
 * Plain JDBC for the hot paths (accepting, claiming, completing messages): statements batched and shaped once. The
 * bottom of the service.
 */
package io.switchboard.queue.sql;
