package io.lowcode.admincenter.notification.channel;

/**
 * A send that failed. {@code permanent} when retrying cannot help (the peer rejected the request as malformed or
 * unauthorized, the channel is not configured): the delivery fails at once instead of using up its retries.
 */
public class DeliveryFailure extends RuntimeException {

    private final boolean permanent;

    public DeliveryFailure(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }

    /** The failure for an HTTP answer that is not 2xx: 4xx but 408 and 429 is permanent. */
    public static DeliveryFailure ofHttpStatus(String peer, int status, String body) {
        boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
        String excerpt = body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
        return new DeliveryFailure(peer + " answered HTTP " + status + (excerpt.isBlank() ? "" : ": " + excerpt),
                permanent);
    }
}
