import { objectLink } from '../kinds.js';
import { health, podState } from '../health.js';
import { syncState } from './gitsources.js';

/** The kinds an application tree shows, in the order of the collections the tree view follows. */
export const TREE_KINDS = ['Deployment', 'ReplicaSet', 'Pod', 'StatefulSet', 'DaemonSet', 'Job', 'Service', 'Endpoints',
  'Ingress', 'ConfigMap', 'Secret'];
const SOURCE_ANNOTATION = 'orc.dev/gitsource';
const byName = new Intl.Collator().compare;

/**
 * What an application tree shows, without drawing it: the collections of {@link TREE_KINDS} and the GitSources, read into
 * a root (the GitSource, or the namespace) and its top-level items in four groups, each item with its children. An
 * item is {id, key, kind, name, href, state, detail, sync, version, named, children}: {@code id} is unique in the tree
 * (an object shown twice, a pod under its ReplicaSet, has one per place), {@code key} is the data-key of its link
 * ("Kind/name"), {@code version} changes whenever anything the item shows changes, and {@code named} marks a
 * ConfigMap or Secret, shown by name only.
 */
export function treeModel(collections, namespace, source) {
  const byKind = Object.fromEntries(TREE_KINDS.map((kind, i) => [kind, collections[i]]));
  const sources = collections[TREE_KINDS.length];
  const errors = TREE_KINDS.filter(kind => byKind[kind].error && !byKind[kind].loaded)
    .map(kind => `${kind}s: ${byKind[kind].error.message}`);
  const objects = Object.fromEntries(TREE_KINDS.map(kind => [kind, byKind[kind].loaded
    ? byKind[kind].list.sort((a, b) => byName(a.metadata.name, b.metadata.name)) : []]));
  const owned = new Map();
  for (const kind of ['ReplicaSet', 'Pod']) {
    for (const object of objects[kind]) {
      for (const ref of object.metadata.ownerReferences || []) {
        const key = kind + '/' + ref.uid;
        if (!owned.has(key)) owned.set(key, []);
        owned.get(key).push(object);
      }
    }
  }
  const sourceList = sources.loaded ? sources.list : [];
  const sourceStates = new Map(sourceList.map(s => [`${s.metadata.namespace}/${s.metadata.name}`, syncState(s)]));
  const managed = object => !source || (object.metadata.annotations || {})[SOURCE_ANNOTATION] === source;
  const ownedBy = (kind, owner) => owned.get(kind + '/' + owner.metadata.uid) || [];
  const item = (object, children = [], detail = summary(object), parent = '') => {
    const owner = (object.metadata.annotations || {})[SOURCE_ANNOTATION];
    const sync = owner ? sourceStates.get(owner) || 'Unknown' : '';
    const { kind, name } = { kind: object.kind, name: object.metadata.name };
    return { id: parent + '/' + object.metadata.uid, key: kind + '/' + name, kind, name,
      href: objectLink(kind, object.metadata.namespace, name), state: health(object), detail, sync,
      version: `${object.metadata.resourceVersion} ${sync} ${detail}`, named: false, children };
  };
  const pods = owner => ownedBy('Pod', owner).map(pod => item(pod, [], summary(pod), owner.metadata.uid));
  const deployments = objects.Deployment.filter(managed).map(d => item(d,
    ownedBy('ReplicaSet', d).sort((a, b) => revision(b) - revision(a))
      .filter((rs, i) => i === 0 || (rs.spec.replicas || 0) > 0 || ownedBy('Pod', rs).length)
      .map(rs => item(rs, pods(rs), `revision ${revision(rs)} · ${rs.status?.readyReplicas || 0}/${rs.spec.replicas ?? 0} ready`,
        d.metadata.uid))));
  const workloads = ['StatefulSet', 'DaemonSet', 'Job'].flatMap(kind => objects[kind].filter(managed).map(o => item(o, pods(o))));
  const endpoints = new Map(objects.Endpoints.map(e => [e.metadata.name, e]));
  const services = objects.Service.filter(managed).map(s => {
    const e = endpoints.get(s.metadata.name);
    return item(s, e ? [item(e, [], addresses(e), s.metadata.uid)] : []);
  });
  const ingresses = objects.Ingress.filter(managed).map(i => item(i));
  const loose = source ? [] : objects.Pod.filter(p => !(p.metadata.ownerReferences || []).length).map(p => item(p));
  const names = kind => objects[kind].filter(managed).filter(o => !o.metadata.name.startsWith('kube-root-ca'))
    .map(o => ({ id: '/' + o.metadata.uid, key: kind + '/' + o.metadata.name, kind, name: o.metadata.name,
      href: objectLink(kind, namespace, o.metadata.name), state: 'Healthy', detail: '', sync: '', version: o.metadata.name,
      named: true, children: [] }));
  const groups = [
    { title: 'Workloads', items: [...deployments, ...workloads, ...loose] },
    { title: 'Services', items: services },
    { title: 'Ingresses', items: ingresses },
    { title: 'Configuration', items: [...names('ConfigMap'), ...names('Secret')] },
  ];
  const empty = deployments.length + workloads.length + services.length + loose.length === 0 && !errors.length;
  return { root: root(sourceList, namespace, source), groups, errors, empty };
}

/** The item every top-level item hangs from: the GitSource whose objects the tree shows, or the namespace. */
function root(sources, namespace, source) {
  if (!source) {
    return { id: 'root', key: 'Namespace/' + namespace, kind: 'Namespace', name: namespace,
      href: objectLink('Namespace', '', namespace), state: '', detail: 'namespace', sync: '', version: namespace,
      named: false, children: [] };
  }
  const [sourceNamespace, name] = source.split('/');
  const found = sources.find(s => s.metadata.namespace === sourceNamespace && s.metadata.name === name);
  const state = found ? (found.status || {}).health || 'Unknown' : 'Missing';
  const sync = found ? syncState(found) : 'Unknown';
  const commit = found ? ((found.status || {}).lastAppliedCommit || '').slice(0, 7) : '';
  return { id: 'root', key: 'GitSource/' + source, kind: 'GitSource', name: name || source,
    href: `#/gitsource/${encodeURIComponent(sourceNamespace)}/${encodeURIComponent(name || '')}`, state,
    detail: commit ? 'commit ' + commit : 'no commit yet', sync, version: `${state} ${sync} ${commit}`, named: false,
    children: [] };
}

export function revision(object) {
  return Number((object.metadata.annotations || {})['deployment.kubernetes.io/revision'] || 0);
}

function summary(object) {
  const s = object.status || {};
  const spec = object.spec || {};
  switch (object.kind) {
    case 'Pod': return `${podState(object)}${spec.nodeName ? ' on ' + spec.nodeName : ''}`;
    case 'Deployment': return `${s.readyReplicas || 0}/${spec.replicas ?? 1} ready, ${s.updatedReplicas || 0} up to date`;
    case 'StatefulSet': return `${s.readyReplicas || 0}/${spec.replicas ?? 1} ready`;
    case 'DaemonSet': return `${s.numberReady || 0}/${s.desiredNumberScheduled || 0} ready`;
    case 'Job': return `${s.succeeded || 0}/${spec.completions ?? 1} succeeded`;
    case 'Service': return `${spec.type || 'ClusterIP'} ${spec.clusterIP || ''} ${(spec.ports || []).map(p => p.port + (p.nodePort ? ':' + p.nodePort : '')).join(',')}`;
    case 'Ingress': return (spec.rules || []).map(r => r.host || '*').join(', ');
    default: return '';
  }
}

function addresses(endpoints) {
  const list = (endpoints.subsets || []).flatMap(subset => (subset.addresses || []).flatMap(a =>
    (subset.ports || [{}]).map(p => `${a.ip}${p.port ? ':' + p.port : ''}`)));
  return list.length ? list.join(', ') : 'no ready endpoints';
}
