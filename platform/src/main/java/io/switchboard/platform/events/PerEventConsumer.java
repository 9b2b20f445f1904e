package io.switchboard.platform.events;

import java.util.List;

/** An {@link EventConsumer} that applies the events of a batch one at a time, in order, in the batch's transaction. */
public interface PerEventConsumer<T> extends EventConsumer<T> {

    /** Applies one event, inside the batch's transaction. */
    void apply(Received<T> event);

    @Override
    default void applyAll(List<Received<T>> events) {
        for (Received<T> event : events) {
            apply(event);
        }
    }
}
