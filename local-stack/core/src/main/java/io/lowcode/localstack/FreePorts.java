package io.lowcode.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports for test infrastructure. */
public final class FreePorts {

    private FreePorts() {
    }

    /** {@code count} distinct ports that were free a moment ago (all sockets held until all are found). */
    public static List<Integer> take(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket cannot lose anything
                }
            }
        }
    }

    /**
     * The first of {@code count} consecutive ports that are all free on the loopback interface (for a platform
     * whose Kafka nodes take consecutive ports, started and restarted on the same ports). Chosen below the
     * kernel's ephemeral range, so that no outgoing connection borrows one of them between two starts.
     */
    public static int block(int count) {
        int ceiling = ephemeralRangeStart() - count;
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 10_000 + random.nextInt(Math.max(1, ceiling - 10_000));
            if (java.util.stream.IntStream.range(base, base + count).allMatch(FreePorts::bindable)) {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + count + " free ports found");
    }

    /** The first port the kernel hands out for outgoing connections (Linux; 32768 elsewhere). */
    private static int ephemeralRangeStart() {
        try {
            // read to the end of the stream: /proc files report size 0, and Files.readString, which trusts the size,
            // returned only "3" of "32768\t60999" here — every block then started at 10000 and stacks collided
            String range = String.join(" ", java.nio.file.Files.readAllLines(
                    java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range")));
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether something accepts connections on {@code port} on the loopback interface. Probes by
     * connecting, never by binding, so it cannot steal the port from a server that is starting.
     */
    public static boolean isListening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
