package dev.orc.bench;

import dev.orc.api.client.ApiClient;
import dev.orc.cli.VersionCommand;
import dev.orc.node.ApiNodeApi;
import dev.orc.node.NodeAgent;
import dev.orc.node.NodeConfig;
import dev.orc.node.NodeNetworkConfig;
import dev.orc.node.runtime.fake.FakeProgram;
import dev.orc.node.runtime.fake.FakeRuntime;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Node agents in this process, each on a fake container runtime that has the benchmark's images and runs its
 * programs: real agents (registration, heartbeats, pod watches and status reports over HTTP) without containers.
 * No service proxy or DNS: they would bind the same ports on every simulated node of one machine.
 */
final class SimulatedNodes implements AutoCloseable {
    private final List<NodeAgent> agents;

    private SimulatedNodes(List<NodeAgent> agents) {
        this.agents = agents;
    }

    static SimulatedNodes start(int count, Path dir, Supplier<ApiClient> clients, List<String> images,
                                Map<List<String>, FakeProgram> programs) {
        List<NodeAgent> agents = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String name = String.format("sim-node-%03d", i);
                FakeRuntime runtime = new FakeRuntime(Clock.systemUTC());
                images.forEach(runtime::addImage);
                programs.forEach(runtime::program);
                NodeConfig config = NodeConfig.defaults(name, dir.resolve(name)).withAddress("127.0.0.1")
                        .withNetwork(NodeNetworkConfig.OFF);
                agents.add(NodeAgent.start(config, new ApiNodeApi(clients.get()), runtime, Clock.systemUTC(),
                        VersionCommand.version()));
            }
            return new SimulatedNodes(agents);
        } catch (RuntimeException e) {
            agents.forEach(NodeAgent::close);
            throw e;
        }
    }

    int size() {
        return agents.size();
    }

    @Override
    public void close() {
        agents.forEach(NodeAgent::close);
    }
}
