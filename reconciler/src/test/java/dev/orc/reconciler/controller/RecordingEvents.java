package dev.orc.reconciler.controller;

import dev.orc.api.model.ObjectReference;

import java.util.ArrayList;
import java.util.List;

/** An event recorder that passes every event on and remembers it ("web Normal SuccessfulCreate: Created pod: web-x7k2p"). */
final class RecordingEvents implements EventRecorder {
    private final EventRecorder next;
    private final List<String> events = new ArrayList<>();

    RecordingEvents(EventRecorder next) {
        this.next = next;
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized void clear() {
        events.clear();
    }

    @Override
    public void record(ObjectReference involvedObject, String type, String reason, String message) {
        next.record(involvedObject, type, reason, message);
        synchronized (this) {
            events.add(involvedObject.name() + " " + type + " " + reason + ": " + message);
        }
    }
}
