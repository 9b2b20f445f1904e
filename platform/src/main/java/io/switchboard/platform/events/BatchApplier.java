package io.switchboard.platform.events;

import java.util.List;

/** Applies a batch of events in one transaction, all or nothing; returns how many it applied (redeliveries aside). */
@FunctionalInterface
interface BatchApplier<T> {

    int apply(List<Received<T>> events);
}
