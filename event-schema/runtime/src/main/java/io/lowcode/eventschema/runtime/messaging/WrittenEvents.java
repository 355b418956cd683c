package io.lowcode.eventschema.runtime.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * The events {@link Outbox#add} wrote in the current unit of work, kept on the Vert.x duplicated context (the one a
 * request, a consumed record or a Panache transaction runs on), so that whoever opened the unit publishes them after its
 * commit: {@link UnitOfWork} and {@link InboxProcessor}. A unit opened inside another joins it: the outer one
 * publishes everything.
 */
final class WrittenEvents {

    static final String KEY = "lowcode.unit-of-work.written-events";

    private final WrittenEvents outer;
    private final List<PendingEvent> events;

    private WrittenEvents(WrittenEvents outer) {
        this.outer = outer;
        this.events = outer == null ? Collections.synchronizedList(new ArrayList<>()) : List.of();
    }

    /** Opens a unit on the current duplicated context, or joins the one open there. */
    static WrittenEvents open() {
        if (!VertxContext.isOnDuplicatedContext()) {
            throw new IllegalStateException("a unit of work needs a Vert.x duplicated context (a request, a consumed "
                    + "record, a Panache session)");
        }
        Optional<WrittenEvents> current = ContextLocals.get(KEY);
        if (current.isPresent()) {
            return new WrittenEvents(current.get());
        }
        WrittenEvents opened = new WrittenEvents(null);
        ContextLocals.put(KEY, opened);
        return opened;
    }

    /** Records {@code event} in the unit open on the current context; {@code false} when none is. */
    static boolean record(PendingEvent event) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return false;
        }
        Optional<WrittenEvents> current = ContextLocals.get(KEY);
        current.ifPresent(unit -> unit.events.add(event));
        return current.isPresent();
    }

    /** Whether this unit opened the scope (and publishes); {@code false} for one that joined an outer unit. */
    boolean owner() {
        return outer == null;
    }

    /** What was written in this unit so far; empty for a joined unit (the outer one has them). */
    List<PendingEvent> events() {
        return List.copyOf(events);
    }

    /** Ends the unit's scope on the current context (a joined unit leaves the outer one open). */
    void close() {
        if (owner() && VertxContext.isOnDuplicatedContext()) {
            ContextLocals.get(KEY).filter(current -> current == this).ifPresent(ignored -> ContextLocals.remove(KEY));
        }
    }
}
