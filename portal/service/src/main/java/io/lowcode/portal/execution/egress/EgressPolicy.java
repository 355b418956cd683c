package io.lowcode.portal.execution.egress;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where workflow {@code http} steps may connect ({@code lowcode.execution.http.allow}). Two rules, both must hold:
 * <ol>
 * <li>the URL's host and port match an allow entry: {@code host[:port]} where host is a name ({@code api.example.com}),
 *     a wildcard ({@code *.example.com} — subdomains only — or {@code *} for any host), an IP address or a CIDR block
 *     ({@code 10.1.0.0/16}, {@code [fd00::]/8}); port is a number, {@code *} for any, or absent for the scheme's
 *     default (80 for http, 443 for https);</li>
 * <li>every address the host resolves to is public — not internal ({@link AddressRange#INTERNAL}) and not one of the
 *     platform's own addresses — unless an IP or CIDR entry covering that address and port allows it explicitly.</li>
 * </ol>
 * The second rule is applied to the address the connection is actually opened to (see {@link HttpStepClient}), so a
 * name that resolves to 127.0.0.1 (DNS rebinding included) is refused. An empty list allows nothing.
 */
public final class EgressPolicy {

    /** One allow entry: a host pattern or an address block, and a port ({@code null}: the scheme's, {@code -1}: any). */
    record Entry(String host, AddressRange block, Integer port) {

        boolean portMatches(int actual, int schemeDefault) {
            return port == null ? actual == schemeDefault : port == -1 || port == actual;
        }

        boolean hostMatches(String name, Optional<InetAddress> literal) {
            if (block != null) {
                return literal.isPresent() && block.contains(literal.get());
            }
            if (host.equals("*")) {
                return true;
            }
            if (host.startsWith("*.")) {
                return name.endsWith(host.substring(1)) && name.length() > host.length() - 1;
            }
            return name.equals(host);
        }
    }

    private final List<Entry> entries;
    private final Set<InetAddress> own;

    private EgressPolicy(List<Entry> entries, Set<InetAddress> own) {
        this.entries = List.copyOf(entries);
        this.own = Set.copyOf(own);
    }

    /**
     * @param allow the allow entries (see the class comment)
     * @param own   the platform's own addresses (this pod's interfaces), refused like internal ones
     * @throws IllegalArgumentException naming the first malformed entry
     */
    public static EgressPolicy of(List<String> allow, Set<InetAddress> own) {
        List<Entry> entries = new ArrayList<>();
        for (String raw : allow) {
            if (!raw.isBlank()) {
                entries.add(entry(raw.strip()));
            }
        }
        return new EgressPolicy(entries, own);
    }

    private static Entry entry(String text) {
        String host = text;
        Integer port = null;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (colon > 0 && (!bracketed || colon > text.indexOf(']')) && (bracketed || text.indexOf(':') == colon)) {
            host = text.substring(0, colon);
            String p = text.substring(colon + 1);
            try {
                port = p.equals("*") ? -1 : Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("allow entry '" + text + "': '" + p + "' is not a port");
            }
            if (port != -1 && (port < 1 || port > 65535)) {
                throw new IllegalArgumentException("allow entry '" + text + "': port out of range");
            }
        }
        host = host.replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("allow entry '" + text + "' has no host");
        }
        boolean address = host.contains("/") || AddressRange.literal(host).isPresent();
        return new Entry(host, address ? AddressRange.parse(host) : null, port);
    }

    /** Rule 1: whether {@code host} (lower case, no brackets) and {@code port} match an allow entry. */
    public boolean hostAllowed(String host, int port, int schemeDefault) {
        String name = normalize(host);
        Optional<InetAddress> literal = AddressRange.literal(name);
        return entries.stream().anyMatch(e -> e.portMatches(port, schemeDefault) && e.hostMatches(name, literal));
    }

    /** Rule 2: whether a connection to {@code address} on {@code port} may be opened. */
    public boolean addressAllowed(InetAddress address, int port, int schemeDefault) {
        if (!AddressRange.isInternal(address) && !own.contains(address)) {
            return true;
        }
        return entries.stream().anyMatch(e -> e.block() != null && e.block().contains(address)
                && e.portMatches(port, schemeDefault));
    }

    /** Whether nothing at all is allowed (the default). */
    public boolean allowsNothing() {
        return entries.isEmpty();
    }

    static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    @Override
    public String toString() {
        return entries.stream().map(e -> e.host() + (e.port() == null ? "" : ":" + (e.port() == -1 ? "*" : e.port())))
                .toList().toString();
    }
}
