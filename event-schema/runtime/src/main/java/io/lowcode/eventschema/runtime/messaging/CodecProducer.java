package io.lowcode.eventschema.runtime.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.lowcode.eventschema.serde.EventCodec;

/** One {@link EventCodec} per application: building it compiles every JSON Schema once. */
public class CodecProducer {

    @Produces
    @Singleton
    EventCodec codec() {
        return EventCodec.shared();
    }
}
