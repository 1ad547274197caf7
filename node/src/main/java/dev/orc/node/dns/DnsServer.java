package dev.orc.node.dns;

import dev.orc.node.net.ServeLoop;
import dev.orc.node.proxy.ServiceSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

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
import java.util.concurrent.Semaphore;

/**
 * The node's cluster DNS server, on UDP and TCP at one address: answers names of the cluster domain from the
 * latest {@link ServiceSnapshot} and forwards every other name to the upstream resolvers. Only clients of
 * {@link Options#clients()} get an answer (others are not even read); each query is handled on its own virtual
 * thread, at most {@value #MAX_IN_FLIGHT} at a time (a query past that is dropped, as a busy resolver does, and the
 * client asks again).
 */
public final class DnsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
    private static final int UDP_LIMIT = 512;
    static final int MAX_IN_FLIGHT = 256;

    /** Where to listen, the cluster domain, the upstream resolvers, how long each gets to answer, and who is answered. */
    public record Options(InetSocketAddress listen, String domain, List<InetSocketAddress> upstreams, Duration upstreamTimeout,
                          ClientNetworks clients) {
        public Options {
            upstreams = List.copyOf(upstreams);
        }

        /** Answering the networks of the listen address and this machine. */
        public Options(InetSocketAddress listen, String domain, List<InetSocketAddress> upstreams, Duration upstreamTimeout) {
            this(listen, domain, upstreams, upstreamTimeout, ClientNetworks.serving(List.of(listen.getAddress())));
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
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
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
        Message message;
        try {
            message = new Message(query);
        } catch (IOException unreadable) {
            return formatError(query);
        }
        if (message.getHeader().getFlag(Flags.QR)) {
            return Optional.empty();
        }
        if (message.getHeader().getOpcode() != Opcode.QUERY || message.getSection(Section.QUESTION).size() != 1) {
            return Optional.of(Replies.to(message, Rcode.NOTIMP, false, List.of(), List.of()).toWire());
        }
        Resolution resolution = zone.resolve(message.getQuestion());
        return Optional.of(switch (resolution) {
            case Resolution.Answer a -> Replies.to(message, a.rcode(), true, a.answers(), a.additionals()).toWire();
            case Resolution.Forward f -> upstreams.ask(query)
                    .orElseGet(() -> Replies.to(message, Rcode.SERVFAIL, false, List.of(), List.of()).toWire());
            case Resolution.Chase c -> chase(message, c).toWire();
        });
    }

    /** FORMERR for a query whose header can be read; silence for one shorter than a header. */
    private static Optional<byte[]> formatError(byte[] query) {
        Header header;
        try {
            header = new Header(query);
        } catch (IOException shorterThanAHeader) {
            return Optional.empty();
        }
        return Optional.of(Replies.to(header, Rcode.FORMERR, false).toWire());
    }

    private Message chase(Message query, Resolution.Chase chase) {
        List<Record> answers = new ArrayList<>(List.of(chase.cname()));
        Record target = Record.newRecord(Records.name(chase.target()), chase.type(), DClass.IN);
        Resolution local = zone.resolve(target);
        if (local instanceof Resolution.Answer a) {
            answers.addAll(a.answers());
        } else if (local instanceof Resolution.Forward) {
            answers.addAll(askUpstream(query.getHeader().getID(), target));
        }
        return Replies.to(query, Rcode.NOERROR, true, answers, List.of());
    }

    private List<Record> askUpstream(int id, Record question) {
        Message forwarded = Message.newQuery(question);
        forwarded.getHeader().setID(id);
        return upstreams.ask(forwarded.toWire()).map(reply -> {
            try {
                return new Message(reply).getSection(Section.ANSWER);
            } catch (IOException e) {
                LOG.debug("unreadable upstream answer for {}: {}", question.getName(), e.getMessage());
                return List.<Record>of();
            }
        }).orElse(List.of());
    }

    private void udpLoop() {
        byte[] buffer = new byte[65535];
        ServeLoop.run("DNS on " + address() + " (udp)", LOG, () -> closed || udp.isClosed(), () -> {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            udp.receive(packet);
            InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
            if (!options.clients().allows(client.getAddress()) || !inFlight.tryAcquire()) {
                return;
            }
            byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
            Thread.ofVirtual().name("dns-query").start(() -> {
                try {
                    answer(query).ifPresent(reply -> sendUdp(reply, client));
                } finally {
                    inFlight.release();
                }
            });
        });
    }

    private void sendUdp(byte[] reply, InetSocketAddress client) {
        byte[] fitting = reply;
        if (reply.length > UDP_LIMIT) {
            try {
                fitting = Replies.truncated(new Message(reply)).toWire();
            } catch (IOException unreadable) {
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
        ServeLoop.run("DNS on " + address() + " (tcp)", LOG, () -> closed || tcp.isClosed(), () -> {
            Socket connection = tcp.accept();
            if (!options.clients().allows(connection.getInetAddress()) || !inFlight.tryAcquire()) {
                connection.close();
                return;
            }
            Thread.ofVirtual().name("dns-tcp-conn").start(() -> {
                try {
                    serveTcp(connection);
                } finally {
                    inFlight.release();
                }
            });
        });
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
