package dev.orc.bench.ingress;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop keep-alive load generator: each of {@code connections} connections (a virtual thread each) sends
 * GET after GET as soon as the previous answer is in, for a warm-up and then a measured window; the result is
 * requests per second in the window, the latency percentiles of its requests, and the CPU the target's processes
 * used per request in the window. Responses are read by their
 * Content-Length (the bench's backend always sends one).
 */
final class HttpLoad {
    /** Where the load goes: an address, the Host (and TLS server name) to send, and TLS or not. */
    record Target(String name, String address, int port, String host, SSLContext tls, CpuClock cpu) {
    }

    /** The window's figures; {@code cpuMicrosPerRequest} is the target's own processes' CPU, 0 without any. */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long errors, double cpuMicrosPerRequest) {
    }

    private HttpLoad() {
    }

    static Result run(Target target, int connections, Duration warmUp, Duration window) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long until = measureFrom + window.toNanos();
        List<long[]> samples = new ArrayList<>();
        int[] counts = new int[connections];
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            long[] mine = new long[1 << 17];
            samples.add(mine);
            int index = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    counts[index] = drive(target, measureFrom, until, mine);
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
            }));
        }
        Duration[] cpu = new Duration[2];
        Thread cpuSampler = Thread.ofVirtual().start(() -> {
            try {
                sleepUntil(measureFrom);
                cpu[0] = target.cpu().used();
                sleepUntil(until);
                cpu[1] = target.cpu().used();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (Thread thread : threads) {
            thread.join();
        }
        cpuSampler.join();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < connections; i++) {
            System.arraycopy(samples.get(i), 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        double p50 = total == 0 ? 0 : all[total / 2] / 1e6;
        double p99 = total == 0 ? 0 : all[Math.min(total - 1, (int) (total * 0.99))] / 1e6;
        double cpuPerRequest = total == 0 || cpu[1] == null ? 0 : cpu[1].minus(cpu[0]).toNanos() / 1e3 / total;
        return new Result(total / (window.toNanos() / 1e9), p50, p99, errors.get(), cpuPerRequest);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    /** Requests on one connection until {@code until}; latencies of those started after {@code measureFrom}. */
    private static int drive(Target target, long measureFrom, long until, long[] latencies) throws IOException {
        byte[] request = ("GET /bench HTTP/1.1\r\nHost: " + target.host() + "\r\nUser-Agent: orc-bench\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        int count = 0;
        try (Socket socket = open(target)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            long now = System.nanoTime();
            while (now < until) {
                out.write(request);
                out.flush();
                int status = readResponse(in);
                if (status != 200) {
                    throw new IOException(target.name() + " answered " + status);
                }
                long done = System.nanoTime();
                if (now >= measureFrom && done <= until && count < latencies.length) {
                    latencies[count++] = done - now;
                }
                now = done;
            }
        }
        return count;
    }

    private static Socket open(Target target) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(target.address(), target.port()), 5000);
        plain.setSoTimeout(10_000);
        if (target.tls() == null) {
            return plain;
        }
        SSLSocket tls = (SSLSocket) target.tls().getSocketFactory().createSocket(plain, target.host(), target.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(target.host())));
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    /** Reads one response (status line, headers, Content-Length body); returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        long length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Long.parseLong(header.substring(colon + 1).trim());
            }
        }
        for (long left = length; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed inside a response body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed inside a response head");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
