/**
 * The streaming protocols of {@code pods/exec}, {@code pods/attach} and {@code pods/portforward} as Kubernetes speaks
 * them over WebSocket, shared by the CLI, the API server and the node agent: the channel framing of
 * {@code v4.channel.k8s.io} and {@code v5.channel.k8s.io} ({@link ChannelFrame}, {@link StreamProtocol}), the exit
 * status of the error channel ({@link ExitStatus}), terminal sizes ({@link TerminalSize}), what an exec asks for
 * ({@link ExecOptions}) and the port-forward framing ({@link PortForwardFrames}).
 */
package dev.orc.api.stream;
