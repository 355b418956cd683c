package io.lowcode.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The TCP sockets listening on this machine and the processes that hold them, read from Linux's {@code /proc}
 * (no tools needed): so that "port 15432 is in use" can say by whom, and tests can check which address a
 * service is bound to. Elsewhere than Linux it knows nothing and says so.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /**
     * A listening socket.
     *
     * @param address the local address it is bound to (0.0.0.0 or :: for every interface)
     * @param port    the local port
     * @param inode   the socket's inode, which names it in {@code /proc/<pid>/fd}
     */
    public record Socket(InetAddress address, int port, long inode) {

        /** Whether only this machine can connect (a loopback address). */
        public boolean loopbackOnly() {
            return address.isLoopbackAddress();
        }
    }

    /** Every socket listening on {@code port} (IPv4 and IPv6). */
    public static List<Socket> on(int port) {
        List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table), StandardCharsets.US_ASCII)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 10 || !f[3].equals(LISTEN)) {
                        continue;
                    }
                    String[] local = f[1].split(":");
                    if (Integer.parseInt(local[1], 16) == port) {
                        sockets.add(new Socket(address(local[0]), port, Long.parseLong(f[9])));
                    }
                }
            } catch (IOException | RuntimeException notLinux) {
                // no such table here: nothing to report from it
            }
        }
        return sockets;
    }

    /** Who listens on {@code port}, for people: "pid 4242 (java -jar quarkus-run.jar)". Empty if nobody visible. */
    public static Optional<String> owner(int port) {
        for (Socket socket : on(port)) {
            Optional<Long> pid = holder(socket.inode());
            if (pid.isPresent()) {
                return Optional.of("pid " + pid.get() + " (" + commandLine(pid.get()) + ")");
            }
        }
        return on(port).isEmpty() ? Optional.empty() : Optional.of("a process this user cannot see");
    }

    /** The process holding socket {@code inode} open. */
    public static Optional<Long> holder(long inode) {
        String target = "socket:[" + inode + "]";
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
                    if (fds.anyMatch(fd -> readLink(fd).equals(target))) {
                        return Optional.of(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (IOException | SecurityException goneOrHidden) {
                    // the process ended meanwhile, or is not ours to look at
                }
            }
        } catch (IOException notLinux) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** The command line without options and class paths, which say little and fill a line. */
    private static String commandLine(long pid) {
        try {
            String[] tokens = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0");
            StringBuilder line = new StringBuilder(Path.of(tokens[0]).getFileName().toString());
            for (int i = 1; i < tokens.length; i++) {
                if (tokens[i].equals("-cp") || tokens[i].equals("-classpath")) {
                    i++;
                } else if (tokens[i].equals("-jar") || !tokens[i].startsWith("-")) {
                    line.append(' ').append(tokens[i]);
                }
            }
            return line.length() > 160 ? line.substring(0, 157) + "..." : line.toString();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** /proc/net/tcp{,6} addresses: hex, each 32-bit word in host (little-endian) order. */
    private static InetAddress address(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] address = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                address[word + i] = raw[word + 3 - i];
            }
        }
        return InetAddress.getByAddress(address);
    }
}
