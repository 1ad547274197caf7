package dev.orc.node.proxy;

import dev.orc.api.model.Endpoints;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: measures the service proxy, in user space and (where iptables works) in the kernel, against a
 * direct loopback connection. Throughput streams bytes into a
 * sink (1 and 8 connections); latency is a 1-byte ping-pong on one open connection and, separately, a fresh
 * connection per request (connect + 1-byte round trip + close). Run with
 * {@code java -cp <test classpath> dev.orc.node.proxy.ProxyBenchmark [megabytes] [round-trips] [rounds]}; one-stream
 * throughput is measured {@code rounds} times, the paths taking turns, and the median reported, since a loaded
 * machine moves single runs a lot.
 */
public final class ProxyBenchmark {
    private static final String CLUSTER_IP = "127.0.0.77";
    private static final String KERNEL_CLUSTER_IP = "127.0.0.78";

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int roundTrips = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        CommandRunner commands = CommandRunner.processes(Duration.ofSeconds(10));
        ServiceProxy.Options options = new ServiceProxy.Options("127.0.0.1", Duration.ofSeconds(2), Duration.ofSeconds(30),
                InstantSource.system());
        Optional<String> noIptables = new Iptables(commands).unusable();
        try (Backend sink = new Backend();
             ServiceProxy proxy = new ServiceProxy(options, AddressBinder.alreadyLocal());
             ServiceForwarder kernel = noIptables.isPresent() ? new ServiceProxy(options, AddressBinder.alreadyLocal())
                     : KernelProxy.start(commands, "proxy-benchmark-" + ProcessHandle.current().pid(),
                     new ServiceProxy(options, AddressBinder.alreadyLocal()), "127.0.0.1", Destinations.unchanged())) {
            int port = ServiceProxyTest.freePort(CLUSTER_IP);
            int kernelPort = ServiceProxyTest.freePort(KERNEL_CLUSTER_IP);
            proxy.apply(sinkService(CLUSTER_IP, port, sink.port()));
            kernel.apply(sinkService(KERNEL_CLUSTER_IP, kernelPort, sink.port()));
            List<String[]> targets = new ArrayList<>();
            targets.add(new String[] {"direct", "127.0.0.1", Integer.toString(sink.port())});
            targets.add(new String[] {"proxy", CLUSTER_IP, Integer.toString(port)});
            if (noIptables.isEmpty()) {
                targets.add(new String[] {"iptables", KERNEL_CLUSTER_IP, Integer.toString(kernelPort)});
            } else {
                System.out.println("iptables: not measured, not usable here: " + noIptables.get());
            }
            for (String[] target : targets) {
                measure(target, 64, 2_000, 1);
            }
            double[][] single = new double[targets.size()][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int t = 0; t < targets.size(); t++) {
                    single[t][round] = throughput(targets.get(t)[1], Integer.parseInt(targets.get(t)[2]), megabytes, 1);
                }
            }
            for (int t = 0; t < targets.size(); t++) {
                Arrays.sort(single[t]);
                double[] rest = measure(targets.get(t), megabytes, roundTrips, 8);
                System.out.printf("%-8s  1 conn %8.1f MB/s (median of %d, %.0f-%.0f)  8 conns %8.1f MB/s  rtt p50 %6.1f us "
                                + "p99 %6.1f us  connect+rtt p50 %6.1f us p99 %6.1f us%n", targets.get(t)[0],
                        single[t][rounds / 2], rounds, single[t][0], single[t][rounds - 1], rest[0], rest[1], rest[2],
                        rest[3], rest[4]);
            }
        }
    }

    /** 8-connection MB/s, then round trip p50/p99 and connect + round trip p50/p99 in microseconds. */
    private static double[] measure(String[] target, int megabytes, int roundTrips, int connections) throws Exception {
        String host = target[1];
        int port = Integer.parseInt(target[2]);
        double eight = throughput(host, port, megabytes, connections);
        double[] rtt = pingPong(host, port, roundTrips);
        double[] fresh = connectPerRequest(host, port, Math.max(1, roundTrips / 10));
        return new double[] {eight, rtt[0], rtt[1], fresh[0], fresh[1]};
    }

    /** One service at {@code clusterIP:port} whose one ready endpoint is the sink on loopback. */
    private static ServiceSnapshot sinkService(String clusterIP, int port, int sinkPort) {
        return new ServiceSnapshot(List.of(Service.of(ObjectMeta.of("bench", "sink"), ServiceSpec.of(Map.of("app", "sink"),
                List.of(new ServicePort("tcp", "TCP", null, port, IntOrString.of(1), null))).withClusterIP(clusterIP))),
                List.of(Endpoints.of(ObjectMeta.of("bench", "sink"), List.of(new Endpoints.Subset(
                        List.of(new Endpoints.Address("127.0.0.1", null, null, null)), List.of(),
                        List.of(new Endpoints.Port("tcp", sinkPort, "TCP", null)))))));
    }

    /** MB/s moving {@code megabytes} in total over {@code connections} parallel connections into the sink. */
    private static double throughput(String host, int port, int megabytes, int connections) throws Exception {
        long perConnection = (long) megabytes * 1024 * 1024 / connections;
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Socket socket = new Socket(host, port)) {
                    socket.getOutputStream().write('S');
                    byte[] chunk = new byte[64 * 1024];
                    OutputStream out = socket.getOutputStream();
                    for (long sent = 0; sent < perConnection; sent += chunk.length) {
                        out.write(chunk);
                    }
                    socket.shutdownOutput();
                    socket.getInputStream().read();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return megabytes / ((System.nanoTime() - start) / 1e9);
    }

    /** p50 and p99 in microseconds of a 1-byte round trip on one open connection. */
    private static double[] pingPong(String host, int port, int count) throws IOException {
        long[] samples = new long[count];
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write('E');
            for (int i = 0; i < count; i++) {
                long t = System.nanoTime();
                out.write(1);
                in.read();
                samples[i] = System.nanoTime() - t;
            }
        }
        return percentiles(samples);
    }

    /** p50 and p99 in microseconds of connect, 1-byte round trip, close. */
    private static double[] connectPerRequest(String host, int port, int count) throws IOException {
        long[] samples = new long[count];
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            try (Socket socket = new Socket(host, port)) {
                socket.setTcpNoDelay(true);
                socket.getOutputStream().write('E');
                socket.getOutputStream().write(1);
                socket.getInputStream().read();
            }
            samples[i] = System.nanoTime() - t;
        }
        return percentiles(samples);
    }

    private static double[] percentiles(long[] samples) {
        Arrays.sort(samples);
        return new double[] {samples[samples.length / 2] / 1e3, samples[(int) (samples.length * 0.99)] / 1e3};
    }

    /** The far end: 'S' connections are drained (one byte back at end of stream), 'E' connections echo. */
    private static final class Backend implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        private final AtomicLong drained = new AtomicLong();

        Backend() throws IOException {
            Thread.ofPlatform().daemon().start(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    socket.setTcpNoDelay(true);
                    Thread.ofPlatform().daemon().start(() -> serve(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                int mode = in.read();
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (mode == 'E') {
                        out.write(buffer, 0, n);
                    } else {
                        drained.addAndGet(n);
                    }
                }
                if (mode == 'S') {
                    out.write(1);
                }
            } catch (IOException gone) {
                drained.get();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
