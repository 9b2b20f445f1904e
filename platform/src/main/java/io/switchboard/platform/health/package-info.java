/** The services' health beyond readiness: whether they reach their database and Kafka cluster. */
package io.switchboard.platform.health;
