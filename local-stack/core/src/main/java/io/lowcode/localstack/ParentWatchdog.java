package io.lowcode.localstack;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child JVM: {@code ParentWatchdog <parent-pid> <main-class> <args...>}. Halts
 * this JVM when the parent process exits, so no broker outlives the test run or launcher that
 * started it, then runs the real main class.
 */
public final class ParentWatchdog {

    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ParentWatchdog <parent-pid> <main-class> [args...]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(143)),
                () -> Runtime.getRuntime().halt(143));
        Class<?> main = Class.forName(args[1]);
        Method entry = main.getMethod("main", String[].class);
        entry.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
