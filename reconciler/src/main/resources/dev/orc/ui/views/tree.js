import { h, sync, badge, Drawn } from '../dom.js';
import { collectionPath, objectLink } from '../kinds.js';
import { health, podState } from '../health.js';
import { syncState } from './gitsources.js';

const KINDS = ['Deployment', 'ReplicaSet', 'Pod', 'StatefulSet', 'DaemonSet', 'Job', 'Service', 'Endpoints', 'Ingress',
  'ConfigMap', 'Secret'];
const SOURCE_ANNOTATION = 'orc.dev/gitsource';
const byName = new Intl.Collator().compare;
/**
 * The milliseconds a drawing spends building new elements before it yields to the browser until the next frame: a
 * first load draws from the top, the first screenful first, and the rest in as few frames as this allows, so the page
 * answers input all along; a change redraws only its own objects.
 */
const BUILD_MS_PER_FRAME = 40;
/** About the height of one node's row, in rem: what a top-level item off screen is given per row until first drawn. */
const ROW_REM = 2;

/**
 * The application tree of a namespace, or of the objects one GitSource manages there: Deployments → ReplicaSets →
 * Pods, StatefulSets, DaemonSets and Jobs → Pods, Services → endpoints, Ingresses, ConfigMaps and Secrets by name.
 */
export function treeView({ live, params, query, navigate }) {
  const [namespace] = params;
  const source = query.get('source') || '';
  const el = h('section', {});
  const title = h('h1', {}, source ? `Applications of ${source} in ${namespace}` : `Applications in ${namespace}`);
  const picker = namespacePicker(namespace, source, navigate);
  const nothing = h('p', { class: 'muted' }, 'Nothing here yet.');
  const groups = new Map(['Workloads', 'Services', 'Ingresses', 'Configuration'].map(title =>
    [title, [h('h2', {}, title), h('ul', { class: 'tree' })]]));
  const drawn = new Drawn();
  const rows = new WeakMap();
  // a top-level item off screen is not laid out (style.css: content-visibility) and takes the height its rows will have
  const reserve = li => {
    const count = li.getElementsByTagName('li').length + 1;
    if (rows.get(li) === count) return;
    rows.set(li, count);
    li.style.containIntrinsicSize = `auto ${count * ROW_REM}rem`;
  };
  const paths = KINDS.map(kind => collectionPath(kind, namespace));
  let latest = null;
  let more = 0;
  const draw = () => {
    more = 0;
    const collections = latest;
    let building = 0;
    let deferred = false;
    const focused = el.contains(document.activeElement) ? document.activeElement.getAttribute('data-key') : null;
    const byKind = Object.fromEntries(KINDS.map((kind, i) => [kind, collections[i]]));
    const sources = collections[KINDS.length];
    const errors = KINDS.filter(kind => byKind[kind].error && !byKind[kind].loaded)
      .map(kind => h('p', { class: 'error', role: 'alert' }, `${kind}s: ${byKind[kind].error.message}`));
    const sorted = Object.fromEntries(KINDS.map(kind => [kind, byKind[kind].loaded
      ? byKind[kind].list.sort((a, b) => byName(a.metadata.name, b.metadata.name)) : []]));
    const objects = kind => sorted[kind];
    const owned = new Map();
    for (const kind of ['ReplicaSet', 'Pod']) {
      for (const object of sorted[kind]) {
        for (const ref of object.metadata.ownerReferences || []) {
          const key = kind + '/' + ref.uid;
          if (!owned.has(key)) owned.set(key, []);
          owned.get(key).push(object);
        }
      }
    }
    const sourceStates = new Map((sources.loaded ? sources.list : []).map(s => [`${s.metadata.namespace}/${s.metadata.name}`, syncState(s)]));
    const managed = object => !source || (object.metadata.annotations || {})[SOURCE_ANNOTATION] === source;
    const ownedBy = (kind, owner) => owned.get(kind + '/' + owner.metadata.uid) || [];
    // An object's element is drawn again only when the object, its detail or its GitSource's state changed.
    const node = (object, children = [], detail = summary(object), parent = '') => {
      const owner = (object.metadata.annotations || {})[SOURCE_ANNOTATION];
      const ownerState = owner ? sourceStates.get(owner) || 'Unknown' : '';
      const key = parent + '/' + object.metadata.uid;
      const version = `${object.metadata.resourceVersion} ${ownerState} ${detail}`;
      // a node not drawn yet is built in this frame's time (from its first new node, so every frame builds some) or
      // left out (null: sync skips it) for the next frame
      if (!drawn.has(key, version)) {
        const now = performance.now();
        if (!building) building = now;
        if (deferred || now - building > BUILD_MS_PER_FRAME) {
          deferred = true;
          return null;
        }
      }
      const li = drawn.get(key, version, () => {
        const state = health(object);
        return h('li', {},
          h('a', { class: `node ${state.toLowerCase()}`, href: objectLink(object.kind, object.metadata.namespace, object.metadata.name),
            'data-key': object.kind + '/' + object.metadata.name, title: `${object.kind} ${object.metadata.name}: ${state}` },
            h('span', { class: 'kind' }, object.kind), ' ', h('span', { class: 'name' }, object.metadata.name), ' ',
            h('span', { class: 'detail' }, detail), ' ', badge(state), owner ? badge(ownerState) : null));
      });
      nest(li, children);
      return li;
    };
    const pods = owner => ownedBy('Pod', owner).map(pod => node(pod, [], summary(pod), owner.metadata.uid));
    const deployments = objects('Deployment').filter(managed).map(d => node(d,
      ownedBy('ReplicaSet', d).sort((a, b) => revision(b) - revision(a))
        .filter((rs, i) => i === 0 || (rs.spec.replicas || 0) > 0 || ownedBy('Pod', rs).length)
        .map(rs => node(rs, pods(rs), `revision ${revision(rs)} · ${rs.status?.readyReplicas || 0}/${rs.spec.replicas ?? 0} ready`, d.metadata.uid))));
    const workloads = ['StatefulSet', 'DaemonSet', 'Job'].flatMap(kind => objects(kind).filter(managed).map(o => node(o, pods(o))));
    const endpoints = new Map(objects('Endpoints').map(e => [e.metadata.name, e]));
    const services = objects('Service').filter(managed).map(s => {
      const e = endpoints.get(s.metadata.name);
      return node(s, e ? [node(e, [], addresses(e), s.metadata.uid)] : []);
    });
    const ingresses = objects('Ingress').filter(managed).map(i => node(i));
    const loose = source ? [] : objects('Pod').filter(p => !(p.metadata.ownerReferences || []).length).map(p => node(p));
    const names = kind => objects(kind).filter(managed).filter(o => !o.metadata.name.startsWith('kube-root-ca'))
      .map(o => drawn.get('/' + o.metadata.uid, o.metadata.name, () => h('li', {},
        h('a', { class: 'node healthy', href: objectLink(kind, namespace, o.metadata.name), 'data-key': kind + '/' + o.metadata.name },
          h('span', { class: 'kind' }, kind), ' ', h('span', { class: 'name' }, o.metadata.name)))));
    const group = (title, items) => {
      const [heading, list] = groups.get(title);
      sync(list, items);
      items.forEach(item => item && reserve(item));
      return items.length ? [heading, list] : [];
    };
    sync(el, title, picker, errors,
      group('Workloads', [...deployments, ...workloads, ...loose]),
      group('Services', services),
      group('Ingresses', ingresses),
      group('Configuration', [...names('ConfigMap'), ...names('Secret')]),
      deployments.length + workloads.length + services.length + loose.length === 0 && !errors.length ? nothing : null);
    drawn.done();
    if (focused && !el.contains(document.activeElement)) {
      const again = el.querySelector(`[data-key="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
    if (deferred) more = requestAnimationFrame(draw);
  };
  const stop = live.followAll([...paths, collectionPath('GitSource', '')], collections => {
    latest = collections;
    cancelAnimationFrame(more);
    draw();
  });
  return { el, dispose: () => { cancelAnimationFrame(more); stop(); } };
}

/** Sets the children drawn under a node's element, in a list of its own that only a node with children has. */
function nest(li, children) {
  const wanted = children.filter(Boolean);
  const list = li.childElementCount > 1 ? li.lastElementChild : null;
  if (wanted.length) sync(list || li.appendChild(h('ul', {})), wanted);
  else if (list) list.remove();
}

function namespacePicker(namespace, source, navigate) {
  const input = h('input', { id: 'namespace', value: namespace, 'data-key': 'namespace', size: 16, autocomplete: 'off' });
  return h('form', { class: 'inline', onsubmit: event => {
    event.preventDefault();
    navigate(`#/tree/${encodeURIComponent(input.value.trim() || 'default')}${source ? '?source=' + source : ''}`);
  } }, h('label', { for: 'namespace' }, 'Namespace '), input, ' ', h('button', { type: 'submit' }, 'Show'));
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
