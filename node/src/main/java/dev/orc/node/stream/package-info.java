/**
 * The agent's side of exec, attach and port-forward: a WebSocket endpoint ({@link dev.orc.node.stream.StreamServer})
 * that only the API server may call, speaking the same channel protocols as the API server's clients, so that the
 * server relays frames unchanged. Execs and attaches run through the container runtime; port-forwards connect to the
 * pod's address on the bridge.
 */
package dev.orc.node.stream;
