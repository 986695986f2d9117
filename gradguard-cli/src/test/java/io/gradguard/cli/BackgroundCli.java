package io.gradguard.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the CLI in-process on a thread of its own (for commands that serve until stopped) and captures its output. */
final class BackgroundCli implements AutoCloseable {
    private final Buffer out = new Buffer();
    private final Buffer err = new Buffer();
    private final Thread thread;
    private volatile Integer exit;

    private BackgroundCli(String... args) {
        thread = new Thread(() -> exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args),
                "gradguard-cli-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    static BackgroundCli start(String... args) {
        return new BackgroundCli(args);
    }

    String out() {
        return out.text();
    }

    String err() {
        return err.text();
    }

    /** The first match of {@code regex} in the standard output (group 1 if it has one), waiting up to {@code timeout}. */
    String await(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Matcher m = p.matcher(out());
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (exit != null) {
                throw new AssertionError("the command ended (exit " + exit + ") before printing /" + regex
                        + "/; out: " + out() + "; err: " + err());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no /" + regex + "/ within " + timeout.toSeconds() + " s; out: " + out() + "; err: "
                + err());
    }

    /** Interrupts the command (as Ctrl-C would end it) and returns its exit code. */
    int stop() throws InterruptedException {
        thread.interrupt();
        return waitFor(Duration.ofSeconds(30));
    }

    /** Waits for the command to end by itself and returns its exit code. */
    int waitFor(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (exit == null) {
            throw new AssertionError("the command did not end within " + timeout.toSeconds() + " s; out: " + out());
        }
        return exit;
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(30_000);
        }
    }

    private static final class Buffer extends Writer {
        private final StringBuilder sb = new StringBuilder();

        @Override
        public synchronized void write(char[] c, int off, int len) {
            sb.append(c, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        synchronized String text() {
            return sb.toString();
        }
    }
}
