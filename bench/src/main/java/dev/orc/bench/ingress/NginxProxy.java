package dev.orc.bench.ingress;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as the reverse proxy users would pick for the same route: a configuration written by the bench
 * into a scratch directory (keep-alive to the backend without a request limit, as orc's ingress keeps its
 * connections; the forwarded headers orc's ingress sets too; its default access log, one line per request in a file,
 * or none; as many workers as cores), run in the foreground as a child process and stopped with it.
 */
final class NginxProxy implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(10);

    private final Process process;

    private NginxProxy(Process process) {
        this.process = process;
    }

    /** The nginx binary, if one is installed where Debian puts it or on the PATH. */
    static Optional<Path> find() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    static NginxProxy start(Path nginx, Path dir, int port, int tlsPort, String host, int backendPort,
                            Path certificate, Path key, boolean accessLog) throws IOException, InterruptedException {
        Path conf = dir.resolve("nginx.conf");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(conf, """
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log %8$s;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream backend { server 127.0.0.1:%2$d; keepalive 128; keepalive_requests 1000000; }
                    server {
                        listen 127.0.0.1:%3$d;
                        listen 127.0.0.1:%4$d ssl;
                        server_name %5$s;
                        ssl_certificate %6$s;
                        ssl_certificate_key %7$s;
                        keepalive_requests 1000000;
                        location / {
                            proxy_pass http://backend;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_set_header X-Forwarded-Host $host;
                            proxy_set_header X-Forwarded-Port $server_port;
                            proxy_set_header X-Real-IP $remote_addr;
                        }
                    }
                }
                """.formatted(dir.toAbsolutePath(), backendPort, port, tlsPort, host, certificate.toAbsolutePath(),
                key.toAbsolutePath(), accessLog ? dir.toAbsolutePath().resolve("logs/access.log") : "off"));
        Process process = new ProcessBuilder(nginx.toString(), "-p", dir.toAbsolutePath().toString(), "-c",
                conf.toAbsolutePath().toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        NginxProxy proxy = new NginxProxy(process);
        long deadline = System.nanoTime() + START.toNanos();
        while (!accepts(port) || !accepts(tlsPort)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                proxy.close();
                throw new IOException("nginx did not start within " + START.toSeconds() + " s: "
                        + Files.readString(dir.resolve("logs/stdout.log")).strip());
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        return proxy;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The CPU this proxy's processes have used. */
    CpuClock cpu() {
        return CpuClock.of(process.toHandle());
    }
}
