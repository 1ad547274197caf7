/**
 * Live usage for {@code orc top}: {@code GET /stats/summary} on the agent's log port, behind the same
 * bearer token as the logs. The CLI reads it directly from each node at the InternalIP and the
 * {@code daemonEndpoints.kubeletEndpoint} port the Node reports, with the client's token.
 */
package dev.orc.node.stats;
