package dev.orc.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Addresses on this machine's interfaces: the ones node agents add for services and DNS, and their cleanup. */
final class LocalAddresses {
    private LocalAddresses() {
    }

    /** An address in 10.{second}.200.0/21, unlikely to be used by anything else on this machine. */
    static String random(int second) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + second + "." + random.nextInt(200, 208) + "." + random.nextInt(2, 254);
    }

    /** The interface that has {@code ip}, if any. */
    static Optional<String> interfaceOf(String ip) {
        try {
            return Optional.ofNullable(NetworkInterface.getByInetAddress(InetAddress.getByName(ip))).map(NetworkInterface::getName);
        } catch (SocketException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isLocal(String ip) {
        return interfaceOf(ip).isPresent();
    }

    /** Removes those of {@code ips} still on an interface (left behind by an agent that could not clean up). */
    static void removeLeftovers(Collection<String> ips) {
        for (String ip : ips) {
            interfaceOf(ip).ifPresent(device -> delete(ip, device));
        }
    }

    private static void delete(String ip, String device) {
        try {
            Process process = new ProcessBuilder("ip", "addr", "del", ip + "/32", "dev", device)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + ip + " from " + device, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
