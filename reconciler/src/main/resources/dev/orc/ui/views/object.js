import { h, render, badge, table, row, button, ago, errorBox } from '../dom.js';
import { collectionPath, objectPath, objectLink } from '../kinds.js';
import { health } from '../health.js';
import { toYaml } from '../yaml.js';
import { revision } from './treemodel.js';

const HASH_LABEL = 'pod-template-hash';
const COPIED = ['kubernetes.io/change-cause'];

/** One object: its health, conditions, events and YAML, live; a Deployment's rollout and actions; a pod's logs. */
export function objectView({ api, live, params }) {
  const [kind, rawNamespace, name] = params;
  const namespace = rawNamespace === '-' ? '' : rawNamespace;
  const el = h('section', {});
  const message = h('p', { role: 'status', 'aria-live': 'polite', class: 'message' });
  const act = async (label, work) => {
    message.textContent = label + '…';
    try { await work(); message.textContent = label + ': done'; } catch (e) { message.textContent = label + ' refused: ' + e.message; }
  };
  // Once the user touches the field (focus, typing, or a clear, which fires only change), live updates leave it alone.
  const edited = () => { scaleInput.dataset.edited = 'true'; };
  const scaleInput = h('input', { type: 'number', min: 0, id: 'replicas', 'data-key': 'replicas', size: 4,
    onfocus: edited, oninput: edited, onchange: edited });
  const itself = collectionPath(kind, namespace) + '?fieldSelector=' + encodeURIComponent('metadata.name=' + name);
  const paths = [itself, collectionPath('Event', namespace)];
  if (kind === 'Deployment') paths.push(collectionPath('ReplicaSet', namespace));
  const stop = live.followAll(paths, ([objects, events, replicaSets]) => {
    const object = objects.list[0];
    const title = h('h1', {}, `${kind} ${namespace ? namespace + '/' : ''}${name} `, object ? badge(health(object)) : null);
    if (!object) return render(el, title, objects.error ? errorBox(objects.error) : h('p', {}, 'not found (deleted?)'));
    const conditions = (object.status || {}).conditions || [];
    const mine = events.loaded ? events.list.filter(e => e.involvedObject && e.involvedObject.uid === object.metadata.uid) : [];
    mine.sort((a, b) => Date.parse(b.lastTimestamp || b.eventTime || 0) - Date.parse(a.lastTimestamp || a.eventTime || 0));
    if (!scaleInput.dataset.edited && kind === 'Deployment') scaleInput.value = object.spec.replicas ?? 1;
    render(el, title,
      kind === 'Pod' ? h('p', {}, h('a', { href: `#/logs/${namespace}/${name}` }, 'Logs'),
        object.spec.nodeName ? [' · node ', h('a', { href: '#/nodes' }, object.spec.nodeName)] : null) : null,
      kind === 'Deployment' ? rollout(api, object, replicaSets, scaleInput, act) : null,
      message,
      h('h2', {}, 'Conditions'),
      table(['type', 'status', 'reason', 'message', 'since'], conditions.map(c => row(c.type, badge(c.status, c.status === 'True' ? 'healthy' : 'progressing'),
        c.reason || '', c.message || '', ago(c.lastTransitionTime))), null),
      h('h2', {}, 'Events'),
      events.error && !events.loaded ? errorBox(events.error)
        : table(['type', 'reason', 'message', 'count', 'last'], mine.map(e => row(badge(e.type, e.type === 'Normal' ? 'healthy' : 'degraded'),
          e.reason, e.message, e.count || 1, ago(e.lastTimestamp || e.eventTime)))),
      h('h2', {}, 'YAML'),
      h('pre', { class: 'yaml', tabindex: 0 }, toYaml(withoutNoise(object))));
  });
  return { el, dispose: stop };
}

function rollout(api, deployment, replicaSets, scaleInput, act) {
  const { namespace, name, uid } = deployment.metadata;
  const path = objectPath('Deployment', namespace, name);
  const owned = (replicaSets && replicaSets.loaded ? replicaSets.list : [])
    .filter(rs => (rs.metadata.ownerReferences || []).some(r => r.uid === uid && r.controller))
    .sort((a, b) => revision(b) - revision(a));
  const status = deployment.status || {};
  const managedBy = (deployment.metadata.annotations || {})['orc.dev/gitsource'];
  return h('div', { class: 'rollout' },
    h('h2', {}, 'Rollout'),
    h('p', {}, `${status.updatedReplicas || 0} updated, ${status.readyReplicas || 0} ready, ${status.availableReplicas || 0} available of ${deployment.spec.replicas ?? 1} wanted`),
    managedBy ? h('p', { class: 'muted' }, `Managed by GitSource ${managedBy}: a scale or restart made here is put back by self-heal; change it in Git.`) : null,
    h('form', { class: 'inline', onsubmit: event => {
      event.preventDefault();
      const replicas = Number(scaleInput.value);
      delete scaleInput.dataset.edited;
      act('Scale', () => api.patch(path + '/scale', { spec: { replicas } }));
    } }, h('label', { for: 'replicas' }, 'Replicas '), scaleInput, ' ', h('button', { type: 'submit', 'data-key': 'scale' }, 'Scale')),
    h('div', { class: 'actions' },
      button('Restart', () => act('Restart', () => api.patch(path, { spec: { template: { metadata: { annotations: {
        'kubectl.kubernetes.io/restartedAt': new Date().toISOString() } } } } })), { 'data-key': 'restart' }),
      button('Undo', () => act('Undo', () => undo(api, deployment, owned)), { 'data-key': 'undo', disabled: owned.length < 2 })),
    h('h3', {}, 'History'),
    table(['revision', 'ReplicaSet', 'image', 'ready', 'change cause'], owned.map(rs => row(
      String(revision(rs)) + (rs === owned[0] ? ' (current)' : ''),
      h('a', { href: objectLink('ReplicaSet', namespace, rs.metadata.name) }, rs.metadata.name),
      (rs.spec.template.spec.containers || []).map(c => c.image).join(', '),
      `${(rs.status || {}).readyReplicas || 0}/${rs.spec.replicas ?? 0}`,
      (rs.metadata.annotations || {})['kubernetes.io/change-cause'] || ''))));
}

/** As orc rollout undo: the template of the revision before the current one, written back with its resourceVersion. */
async function undo(api, deployment, owned) {
  if (owned.length < 2) throw new Error('no earlier revision to go back to');
  if (deployment.spec.paused) throw new Error('resume the rollout before undoing it');
  const target = owned[1];
  const template = structuredClone(target.spec.template);
  if (template.metadata && template.metadata.labels) delete template.metadata.labels[HASH_LABEL];
  const updated = structuredClone(deployment);
  updated.spec.template = template;
  const annotations = updated.metadata.annotations || (updated.metadata.annotations = {});
  for (const key of COPIED) {
    const value = (target.metadata.annotations || {})[key];
    if (value) annotations[key] = value;
  }
  const source = annotations['orc.dev/gitsource'];
  if (source) {
    const [ns, sourceName] = source.split('/');
    const gitSource = await api.get(objectPath('GitSource', ns, sourceName));
    if (gitSource.status && gitSource.status.lastAppliedCommit) annotations['orc.dev/pinned-commit'] = gitSource.status.lastAppliedCommit;
  }
  await api.put(objectPath('Deployment', deployment.metadata.namespace, deployment.metadata.name), updated);
}

function withoutNoise(object) {
  const copy = structuredClone(object);
  delete copy.metadata.managedFields;
  if (copy.metadata.annotations) delete copy.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
  return copy;
}
