/**
 * The client side of a pod's exec, attach and port-forward: a remote process over the channel protocol
 * ({@link dev.orc.cli.stream.RemoteProcess}), the local terminal in raw mode ({@link dev.orc.cli.stream.Terminal}),
 * local listeners forwarding connections to a pod's ports ({@link dev.orc.cli.stream.PortForwarder}) and the tar
 * archives of {@code orc cp} ({@link dev.orc.cli.stream.TarFiles}).
 */
package dev.orc.cli.stream;
