package dev.orc.node.dns;

import dev.orc.node.proxy.ServiceSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The node's cluster DNS server, on UDP and TCP at one address: answers names of the cluster domain from the
 * latest {@link ServiceSnapshot} and forwards every other name to the upstream resolvers. Each query is handled
 * on its own virtual thread.
 */
public final class DnsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
    private static final int UDP_LIMIT = 512;

    /** Where to listen, the cluster domain, the upstream resolvers and how long each gets to answer. */
    public record Options(InetSocketAddress listen, String domain, List<InetSocketAddress> upstreams, Duration upstreamTimeout) {
        public Options {
            upstreams = List.copyOf(upstreams);
        }

        /** {@code cluster.local}, the host's resolvers from /etc/resolv.conf, two seconds each. */
        public static Options defaults(InetSocketAddress listen) {
            return new Options(listen, "cluster.local", ResolvConf.nameservers(ResolvConf.DEFAULT), Duration.ofSeconds(2));
        }
    }

    private final Options options;
    private final Upstreams upstreams;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private volatile DnsZone zone;
    private volatile boolean closed;

    private DnsServer(Options options, DatagramSocket udp, ServerSocket tcp) {
        this.options = options;
        this.upstreams = new Upstreams(options.upstreams(), options.upstreamTimeout());
        this.udp = udp;
        this.tcp = tcp;
        this.zone = DnsZone.of(options.domain(), ServiceSnapshot.EMPTY);
    }

    /** Binds UDP and TCP on {@code options.listen()} (port 0 picks one port free for both) and starts serving. */
    public static DnsServer start(Options options) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            DatagramSocket udp = new DatagramSocket(options.listen());
            InetSocketAddress bound = new InetSocketAddress(options.listen().getAddress(), udp.getLocalPort());
            ServerSocket tcp = new ServerSocket();
            try {
                tcp.setReuseAddress(true);
                tcp.bind(bound, 128);
            } catch (IOException e) {
                udp.close();
                tcp.close();
                last = e;
                if (options.listen().getPort() != 0) {
                    break;
                }
                continue;
            }
            DnsServer server = new DnsServer(options, udp, tcp);
            Thread.ofVirtual().name("dns-udp").start(server::udpLoop);
            Thread.ofVirtual().name("dns-tcp").start(server::tcpLoop);
            return server;
        }
        throw new IOException("cannot listen for DNS on " + options.listen() + ": " + (last == null ? "" : last.getMessage()), last);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(options.listen().getAddress(), udp.getLocalPort());
    }

    /** Serves the Services and Endpoints of {@code snapshot} from now on. */
    public void update(ServiceSnapshot snapshot) {
        zone = DnsZone.of(options.domain(), snapshot);
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            LOG.debug("closing the DNS TCP socket failed: {}", e.getMessage());
        }
    }

    /** The reply to one query's bytes: a cluster answer, an upstream's reply, or an error; empty to stay silent. */
    Optional<byte[]> answer(byte[] query) {
        DnsMessage message;
        try {
            message = DnsMessage.parse(query, query.length);
        } catch (DnsFormatException e) {
            if (query.length < 12) {
                return Optional.empty();
            }
            byte[] header = Arrays.copyOf(query, 12);
            header[2] = (byte) (0x80 | (header[2] & 0x79));
            header[3] = (byte) (0x80 | DnsMessage.FORMERR);
            Arrays.fill(header, 4, 12, (byte) 0);
            return Optional.of(header);
        }
        if (message.isResponse()) {
            return Optional.empty();
        }
        if (message.opcode() != 0 || message.questions().size() != 1) {
            return Optional.of(DnsMessage.response(message, DnsMessage.NOTIMP, false, List.of(), List.of()).encode());
        }
        Resolution resolution = zone.resolve(message.questions().get(0));
        return Optional.of(switch (resolution) {
            case Resolution.Answer a -> DnsMessage.response(message, a.rcode(), true, a.answers(), a.additionals()).encode();
            case Resolution.Forward f -> upstreams.ask(query)
                    .orElseGet(() -> DnsMessage.response(message, DnsMessage.SERVFAIL, false, List.of(), List.of()).encode());
            case Resolution.Chase c -> chase(message, c).encode();
        });
    }

    private DnsMessage chase(DnsMessage query, Resolution.Chase chase) {
        List<DnsRecord> answers = new ArrayList<>(List.of(chase.cname()));
        DnsMessage.Question target = new DnsMessage.Question(chase.target(), chase.type(), DnsRecord.IN);
        Resolution local = zone.resolve(target);
        if (local instanceof Resolution.Answer a) {
            answers.addAll(a.answers());
        } else if (local instanceof Resolution.Forward) {
            byte[] forwarded = DnsMessage.query(query.id(), chase.target(), chase.type()).encode();
            upstreams.ask(forwarded).ifPresent(reply -> {
                try {
                    answers.addAll(DnsMessage.parse(reply, reply.length).answers());
                } catch (DnsFormatException e) {
                    LOG.debug("unreadable upstream answer for {}: {}", chase.target(), e.getMessage());
                }
            });
        }
        return DnsMessage.response(query, DnsMessage.NOERROR, true, answers, List.of());
    }

    private void udpLoop() {
        byte[] buffer = new byte[65535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("DNS on {} stopped: {}", address(), e.getMessage());
                }
                return;
            }
            byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
            InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
            Thread.ofVirtual().name("dns-query").start(() -> answer(query).ifPresent(reply -> sendUdp(reply, client)));
        }
    }

    private void sendUdp(byte[] reply, InetSocketAddress client) {
        byte[] fitting = reply;
        if (reply.length > UDP_LIMIT) {
            try {
                fitting = DnsMessage.parse(reply, reply.length).truncatedCopy().encode();
            } catch (DnsFormatException e) {
                return;
            }
        }
        try {
            udp.send(new DatagramPacket(fitting, fitting.length, client));
        } catch (IOException e) {
            LOG.debug("DNS reply to {} failed: {}", client, e.getMessage());
        }
    }

    private void tcpLoop() {
        while (!closed) {
            try {
                Socket connection = tcp.accept();
                Thread.ofVirtual().name("dns-tcp-conn").start(() -> serveTcp(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serveTcp(Socket connection) {
        try (connection) {
            connection.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (!closed) {
                int length = in.readUnsignedShort();
                byte[] query = in.readNBytes(length);
                if (query.length < length) {
                    return;
                }
                Optional<byte[]> reply = answer(query);
                if (reply.isPresent()) {
                    out.writeShort(reply.get().length);
                    out.write(reply.get());
                    out.flush();
                }
            }
        } catch (EOFException done) {
            LOG.trace("DNS TCP client closed");
        } catch (IOException e) {
            LOG.debug("DNS TCP connection ended: {}", e.getMessage());
        }
    }
}
