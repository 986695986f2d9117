package io.gradguard.dashboard.server;

import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live pages: server-sent events ({@code event: runs}, data: the run list). Each page has a mailbox of one
 * event and its own sender; a new event replaces one not yet sent, so a slow or stalled browser misses
 * intermediate states (each event is a full snapshot, nothing is lost) and never holds up the others or the
 * follower that publishes.
 */
final class EventHub implements AutoCloseable {
    /** Pages served at once; more get one event saying so and are closed. */
    static final int MAX_CLIENTS = 32;

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gradguard-dashboard-sse");
        t.setDaemon(true);
        return t;
    });
    private volatile String latest;

    /** Javalin's SSE handler: keeps the connection and sends the latest snapshot at once. */
    void subscribe(SseClient client) {
        client.keepAlive();
        if (subscribers.size() >= MAX_CLIENTS) {
            client.sendEvent("refused", "{\"error\": \"too many live pages (" + MAX_CLIENTS + ")\"}");
            client.close();
            return;
        }
        Subscriber s = new Subscriber(client);
        subscribers.add(s);
        client.onClose(() -> subscribers.remove(s));
        String now = latest;
        if (now != null) {
            s.offer(now);
        }
    }

    /** Sends {@code json} to every page (the latest replaces any not yet sent). */
    void publish(String json) {
        latest = json;
        for (Subscriber s : subscribers) {
            s.offer(json);
        }
    }

    int clients() {
        return subscribers.size();
    }

    @Override
    public void close() {
        for (Subscriber s : subscribers) {
            s.client.close();
        }
        subscribers.clear();
        senders.shutdownNow();
    }

    private final class Subscriber {
        private final SseClient client;
        private final AtomicReference<String> pending = new AtomicReference<>();
        private final AtomicBoolean busy = new AtomicBoolean();

        Subscriber(SseClient client) {
            this.client = client;
        }

        void offer(String event) {
            pending.set(event);
            if (busy.compareAndSet(false, true)) {
                try {
                    senders.execute(this::drain);
                } catch (RejectedExecutionException closed) {
                    busy.set(false);
                }
            }
        }

        private void drain() {
            try {
                String e;
                while ((e = pending.getAndSet(null)) != null) {
                    if (client.terminated()) {
                        subscribers.remove(this);
                        return;
                    }
                    client.sendEvent("runs", e);
                }
            } catch (RuntimeException ex) {
                subscribers.remove(this);
                client.close();
                return;
            } finally {
                busy.set(false);
            }
            String next = pending.get();
            if (next != null) {
                offer(next);
            }
        }
    }
}
