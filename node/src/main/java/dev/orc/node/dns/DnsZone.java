package dev.orc.node.dns;

import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import dev.orc.node.proxy.ServiceSnapshot;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The cluster's names at one moment, as Kubernetes' DNS specification has them:
 * {@code svc.ns.svc.<domain>} is an A record for the cluster IP, or for a headless service the A records of
 * its ready endpoints (each also named {@code <hostname or a-b-c-d>.svc.ns.svc.<domain>}); an ExternalName is a
 * CNAME; {@code _port._proto.svc.ns.svc.<domain>} is an SRV record per named port. Other names in the domain do
 * not exist; names outside it are forwarded.
 */
public final class DnsZone {
    private static final long TTL = 5;

    private final String domain;
    private final Map<String, Service> services = new HashMap<>();
    private final Map<String, Endpoints> endpoints = new HashMap<>();

    private DnsZone(String domain, ServiceSnapshot snapshot) {
        this.domain = normalize(domain);
        snapshot.services().forEach(s -> services.put(key(s.name(), s.namespace()), s));
        snapshot.endpoints().forEach(e -> endpoints.put(key(e.name(), e.namespace()), e));
    }

    public static DnsZone of(String domain, ServiceSnapshot snapshot) {
        return new DnsZone(domain, snapshot);
    }

    public Resolution resolve(Record question) {
        String name = normalize(question.getName().toString());
        if (!name.equals(domain) && !name.endsWith("." + domain)) {
            return new Resolution.Forward();
        }
        String suffix = ".svc." + domain;
        if (!name.endsWith(suffix)) {
            return nxdomain();
        }
        String[] labels = name.substring(0, name.length() - suffix.length()).split("\\.");
        return switch (labels.length) {
            case 2 -> service(question, labels[0], labels[1]);
            case 3 -> endpoint(question, labels[0], labels[1], labels[2]);
            case 4 -> srv(question, labels[0], labels[1], labels[2], labels[3]);
            default -> nxdomain();
        };
    }

    private Resolution service(Record question, String name, String namespace) {
        Service service = services.get(key(name, namespace));
        if (service == null || service.spec() == null) {
            return nxdomain();
        }
        String fqdn = fqdn(name, namespace);
        ServiceSpec spec = service.spec();
        if (ServiceSpec.EXTERNAL_NAME.equals(spec.type()) && spec.externalName() != null) {
            CNAMERecord cname = Records.cname(fqdn, spec.externalName(), TTL);
            if (question.getType() == Type.A || question.getType() == Type.AAAA || question.getType() == Type.ANY) {
                return new Resolution.Chase(cname, normalize(spec.externalName()), question.getType() == Type.ANY ? Type.A : question.getType());
            }
            return answer(List.of(cname), List.of());
        }
        if (!wantsA(question)) {
            return answer(List.of(), List.of());
        }
        if (spec.headless()) {
            Set<String> ips = new LinkedHashSet<>();
            readyAddresses(name, namespace).forEach(a -> ips.add(a.ip()));
            return answer(ips.stream().<Record>map(ip -> Records.a(fqdn, ip, TTL)).toList(), List.of());
        }
        if (spec.clusterIP() == null || spec.clusterIP().isEmpty()) {
            return answer(List.of(), List.of());
        }
        return answer(List.of(Records.a(fqdn, spec.clusterIP(), TTL)), List.of());
    }

    private Resolution endpoint(Record question, String label, String name, String namespace) {
        Service service = services.get(key(name, namespace));
        if (service == null || service.spec() == null || !service.spec().headless()) {
            return nxdomain();
        }
        List<Record> records = new ArrayList<>();
        for (Endpoints.Address address : readyAddresses(name, namespace)) {
            if (endpointLabel(address).equals(label)) {
                records.add(Records.a(label + "." + fqdn(name, namespace), address.ip(), TTL));
            }
        }
        if (records.isEmpty()) {
            return nxdomain();
        }
        return answer(wantsA(question) ? records.stream().distinct().toList() : List.of(), List.of());
    }

    private Resolution srv(Record question, String portLabel, String protoLabel, String name, String namespace) {
        Service service = services.get(key(name, namespace));
        if (!portLabel.startsWith("_") || !protoLabel.startsWith("_") || service == null || service.spec() == null) {
            return nxdomain();
        }
        String portName = portLabel.substring(1);
        String protocol = protoLabel.substring(1).toUpperCase(Locale.ROOT);
        ServicePort port = service.spec().ports().stream()
                .filter(p -> portName.equalsIgnoreCase(p.name()) && protocol.equals(p.protocol() == null ? "TCP" : p.protocol()))
                .findFirst().orElse(null);
        if (port == null) {
            return nxdomain();
        }
        if (question.getType() != Type.SRV && question.getType() != Type.ANY) {
            return answer(List.of(), List.of());
        }
        String owner = normalize(question.getName().toString());
        String fqdn = fqdn(name, namespace);
        List<Record> answers = new ArrayList<>();
        List<Record> additionals = new ArrayList<>();
        if (service.spec().headless()) {
            Endpoints endpoints = this.endpoints.get(key(name, namespace));
            for (Endpoints.Subset subset : endpoints == null ? List.<Endpoints.Subset>of() : endpoints.subsets()) {
                for (Endpoints.Port endpointPort : subset.ports()) {
                    if (!portName.equalsIgnoreCase(endpointPort.name())) {
                        continue;
                    }
                    for (Endpoints.Address address : subset.addresses()) {
                        String target = endpointLabel(address) + "." + fqdn;
                        answers.add(Records.srv(owner, 0, 100, endpointPort.port(), target, TTL));
                        additionals.add(Records.a(target, address.ip(), TTL));
                    }
                }
            }
        } else if (service.spec().clusterIP() != null && !service.spec().clusterIP().isEmpty()) {
            answers.add(Records.srv(owner, 0, 100, port.port(), fqdn, TTL));
            additionals.add(Records.a(fqdn, service.spec().clusterIP(), TTL));
        }
        return answer(answers, additionals.stream().distinct().toList());
    }

    private List<Endpoints.Address> readyAddresses(String name, String namespace) {
        Endpoints found = endpoints.get(key(name, namespace));
        if (found == null) {
            return List.of();
        }
        return found.subsets().stream().flatMap(s -> s.addresses().stream()).toList();
    }

    private static String endpointLabel(Endpoints.Address address) {
        return address.hostname() != null && !address.hostname().isEmpty()
                ? address.hostname().toLowerCase(Locale.ROOT) : address.ip().replace('.', '-');
    }

    private static boolean wantsA(Record question) {
        return question.getType() == Type.A || question.getType() == Type.ANY;
    }

    private String fqdn(String name, String namespace) {
        return name + "." + namespace + ".svc." + domain;
    }

    private static Resolution nxdomain() {
        return new Resolution.Answer(Rcode.NXDOMAIN, List.of(), List.of());
    }

    private static Resolution answer(List<Record> answers, List<Record> additionals) {
        return new Resolution.Answer(Rcode.NOERROR, answers, additionals);
    }

    private static String key(String name, String namespace) {
        return (name + "." + namespace).toLowerCase(Locale.ROOT);
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
