package io.lowcode.portal.execution.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CIDR block ({@code 10.0.0.0/8}, {@code fc00::/7}) or one address, and the blocks an http step never reaches
 * unless the egress allow list names them: loopback, unspecified, link-local (169.254.0.0/16 holds the cloud metadata
 * service), private, shared (CGNAT), documentation, benchmarking, reserved, broadcast and multicast.
 */
public record AddressRange(byte[] network, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$");

    /** Never reached by an http step unless an allow entry names an address or block inside them. */
    public static final List<AddressRange> INTERNAL = List.of(
            parse("0.0.0.0/8"), parse("10.0.0.0/8"), parse("100.64.0.0/10"), parse("127.0.0.0/8"),
            parse("169.254.0.0/16"), parse("172.16.0.0/12"), parse("192.0.0.0/24"), parse("192.0.2.0/24"),
            parse("192.88.99.0/24"), parse("192.168.0.0/16"), parse("198.18.0.0/15"), parse("198.51.100.0/24"),
            parse("203.0.113.0/24"), parse("224.0.0.0/4"), parse("240.0.0.0/4"),
            // ::/96 holds ::, ::1 and the IPv4-compatible addresses; IPv4-mapped ones (::ffff:a.b.c.d) Java turns into
            // IPv4 addresses, checked against the blocks above
            parse("::/96"), parse("64:ff9b::/96"), parse("64:ff9b:1::/48"),
            parse("100::/64"), parse("2001::/23"), parse("2001:db8::/32"), parse("2002::/16"), parse("fc00::/7"),
            parse("fe80::/10"), parse("fec0::/10"), parse("ff00::/8"));

    /**
     * {@code address/prefix} or a bare address (a block of one).
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static AddressRange parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        InetAddress parsed = literal(address).orElseThrow(() ->
                new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block"));
        int bits = parsed.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
        }
        return new AddressRange(parsed.getAddress(), prefix);
    }

    /** The address when {@code host} is an IP literal (IPv4 dotted quad or IPv6, brackets allowed); no DNS lookup. */
    public static java.util.Optional<InetAddress> literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4.matcher(h).matches() && !IPV6.matcher(h).matches()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(h)); // a literal: parsed, never resolved
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    /** Whether {@code address} is inside this block (an IPv4 address is never inside an IPv6 block and back). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    /** Whether the address is in one of the {@link #INTERNAL} blocks. */
    public static boolean isInternal(InetAddress address) {
        return INTERNAL.stream().anyMatch(range -> range.contains(address));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && r.prefix == prefix && java.util.Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
