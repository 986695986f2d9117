package io.gradguard.dashboard.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads server-sent events from a response body on a thread of its own, so a test can wait with a timeout. */
final class SseReader implements AutoCloseable {
    record Event(String name, String data) {
    }

    private final InputStream in;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    SseReader(InputStream in) {
        this.in = in;
        this.reader = new Thread(this::run, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void run() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(name, data.toString()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    /** The next event; fails if none comes within {@code timeout}. */
    Event next(Duration timeout) throws InterruptedException {
        Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no server-sent event within " + timeout);
        }
        return e;
    }

    /** Events received so far and not yet taken. */
    int pending() {
        return events.size();
    }

    @Override
    public void close() throws IOException {
        in.close();
        reader.interrupt();
    }
}
