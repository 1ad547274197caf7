package dev.orc.reconciler.controller;

import dev.orc.api.model.ObjectReference;

/** An event recorder that passes every event on and remembers it ("web Normal SuccessfulCreate: Created pod: web-x7k2p"). */
final class RecordingEvents implements EventRecorder {
    private final EventRecorder next;
    private final Records events;

    RecordingEvents(EventRecorder next, Records events) {
        this.next = next;
        this.events = events;
    }

    @Override
    public void record(ObjectReference involvedObject, String type, String reason, String message) {
        next.record(involvedObject, type, reason, message);
        events.add(involvedObject.name() + " " + type + " " + reason + ": " + message);
    }
}
