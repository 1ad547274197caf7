package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.client.ApiTransport;
import dev.orc.reconciler.testing.ForwardingTransport;


/** A transport that passes every request on and remembers the writes among them ("PUT /apis/.../status"). */
final class RecordingTransport extends ForwardingTransport {
    private final Records writes;

    RecordingTransport(ApiTransport next, Records writes) {
        super(next);
        this.writes = writes;
    }

    @Override
    public ObjectNode call(ApiCall call) {
        remember(call.method(), call.pathAndQuery());
        return super.call(call);
    }

    @Override
    public byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
        remember(method, pathAndQuery);
        return super.send(method, pathAndQuery, body, contentType);
    }

    private void remember(String method, String pathAndQuery) {
        if (!"GET".equals(method)) {
            writes.add(method + " " + pathAndQuery);
        }
    }
}
