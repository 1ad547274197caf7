package dev.orc.api.model;

import java.util.List;

/** v1 Endpoints: the addresses behind a Service, kept by the endpoints controller. */
public record Endpoints(String apiVersion, String kind, ObjectMeta metadata, @OmitEmpty List<Subset> subsets)
        implements KubeObject {
    public static final String API_VERSION = "v1";
    public static final String KIND = "Endpoints";

    public Endpoints {
        subsets = Immutable.list(subsets);
    }

    public static Endpoints of(ObjectMeta metadata, List<Subset> subsets) {
        return new Endpoints(API_VERSION, KIND, metadata, subsets);
    }

    @Override
    public Endpoints withMetadata(ObjectMeta metadata) {
        return new Endpoints(apiVersion, kind, metadata, subsets);
    }

    public Endpoints withSubsets(List<Subset> subsets) {
        return new Endpoints(apiVersion, kind, metadata, subsets);
    }

    /** Addresses sharing one set of ports; not-ready addresses receive no traffic. */
    public record Subset(@OmitEmpty List<Address> addresses, @OmitEmpty List<Address> notReadyAddresses,
                         @OmitEmpty List<Port> ports) {
        public Subset {
            addresses = Immutable.list(addresses);
            notReadyAddresses = Immutable.list(notReadyAddresses);
            ports = Immutable.list(ports);
        }
    }

    /** One endpoint address, pointing back at its pod through {@code targetRef}. */
    public record Address(String ip, String hostname, String nodeName, ObjectReference targetRef) {
    }

    public record Port(String name, Integer port, String protocol, String appProtocol) {
    }
}
