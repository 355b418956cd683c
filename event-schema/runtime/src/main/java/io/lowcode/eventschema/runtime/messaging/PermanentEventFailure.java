package io.lowcode.eventschema.runtime.messaging;

/**
 * Thrown by an event handler when retrying cannot help (the event contradicts this service's state in
 * a way only a person can resolve): the record goes to the dead-letter topic at once, with this message
 * as its reason.
 */
public class PermanentEventFailure extends RuntimeException {

    public PermanentEventFailure(String message) {
        super(message);
    }
}
