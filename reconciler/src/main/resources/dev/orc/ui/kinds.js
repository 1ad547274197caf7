/** The kinds the dashboard shows: where their API lives and whether they live in a namespace. */
export const KINDS = {
  Pod: { base: '/api/v1', plural: 'pods', namespaced: true },
  Service: { base: '/api/v1', plural: 'services', namespaced: true },
  Endpoints: { base: '/api/v1', plural: 'endpoints', namespaced: true },
  ConfigMap: { base: '/api/v1', plural: 'configmaps', namespaced: true },
  Secret: { base: '/api/v1', plural: 'secrets', namespaced: true },
  Event: { base: '/api/v1', plural: 'events', namespaced: true },
  Namespace: { base: '/api/v1', plural: 'namespaces', namespaced: false },
  Node: { base: '/api/v1', plural: 'nodes', namespaced: false },
  Deployment: { base: '/apis/apps/v1', plural: 'deployments', namespaced: true },
  ReplicaSet: { base: '/apis/apps/v1', plural: 'replicasets', namespaced: true },
  StatefulSet: { base: '/apis/apps/v1', plural: 'statefulsets', namespaced: true },
  DaemonSet: { base: '/apis/apps/v1', plural: 'daemonsets', namespaced: true },
  Job: { base: '/apis/batch/v1', plural: 'jobs', namespaced: true },
  CronJob: { base: '/apis/batch/v1', plural: 'cronjobs', namespaced: true },
  Ingress: { base: '/apis/networking.k8s.io/v1', plural: 'ingresses', namespaced: true },
  GitSource: { base: '/apis/orc.dev/v1', plural: 'gitsources', namespaced: true },
};

export function kindOf(name) {
  const kind = KINDS[name];
  if (!kind) throw new Error('the dashboard does not show ' + name + ' objects');
  return kind;
}

/** The collection path of a kind: in one namespace, or across all of them when namespace is empty. */
export function collectionPath(kind, namespace) {
  const k = kindOf(kind);
  return k.namespaced && namespace ? `${k.base}/namespaces/${encodeURIComponent(namespace)}/${k.plural}`
    : `${k.base}/${k.plural}`;
}

export function objectPath(kind, namespace, name) {
  return collectionPath(kind, namespace) + '/' + encodeURIComponent(name);
}

export function objectLink(kind, namespace, name) {
  return `#/object/${kind}/${namespace || '-'}/${encodeURIComponent(name)}`;
}

export function keyOf(object) {
  return (object.metadata.namespace || '') + '/' + object.metadata.name;
}
