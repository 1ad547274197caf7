import { h, render, badge, table, row, errorBox } from '../dom.js';
import { collectionPath, objectLink } from '../kinds.js';
import { health, podState } from '../health.js';

/** Nodes: capacity, what their pods request of it, conditions, taints and pods. */
export function nodesView({ live }) {
  const el = h('section', {});
  const stop = live.followAll([collectionPath('Node', ''), collectionPath('Pod', '')], ([nodes, pods]) => {
    if (nodes.error && !nodes.loaded) return render(el, h('h1', {}, 'Nodes'), errorBox(nodes.error));
    const podsOf = name => (pods.loaded ? pods.list : []).filter(p => p.spec.nodeName === name
      && !['Succeeded', 'Failed'].includes((p.status || {}).phase));
    render(el, h('h1', {}, 'Nodes'), pods.error && !pods.loaded ? errorBox(pods.error) : null,
      nodes.list.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)).map(node => {
        const status = node.status || {};
        const mine = podsOf(node.metadata.name);
        const requested = resource => mine.flatMap(p => p.spec.containers || [])
          .reduce((sum, c) => sum + quantity(((c.resources || {}).requests || {})[resource]), 0);
        const allocatable = status.allocatable || {};
        return h('article', { class: 'card' },
          h('h2', {}, h('a', { href: objectLink('Node', '', node.metadata.name) }, node.metadata.name), ' ', badge(health(node) === 'Healthy' ? 'Ready' : 'NotReady', health(node)),
            node.spec.unschedulable ? badge('Cordoned', 'suspended') : null),
          table(['resource', 'capacity', 'allocatable', 'requested by pods'], ['cpu', 'memory', 'pods'].map(r => row(r,
            (status.capacity || {})[r] || '', allocatable[r] || '',
            r === 'pods' ? `${mine.length}` : `${format(r, requested(r))} (${percent(requested(r), quantity(allocatable[r]))})`)), null),
          table(['condition', 'status', 'reason', 'message'], (status.conditions || []).map(c => row(c.type, c.status, c.reason || '', c.message || ''))),
          h('p', {}, 'Taints: ', (node.spec.taints || []).map(t => `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`).join(', ') || 'none'),
          table(['pod', 'state'], mine.map(p => row(h('a', { href: objectLink('Pod', p.metadata.namespace, p.metadata.name) }, `${p.metadata.namespace}/${p.metadata.name}`),
            badge(podState(p), health(p))))));
      }));
  });
  return { el, dispose: stop };
}

/** A Kubernetes quantity as a number: cores for cpu, bytes for memory. */
export function quantity(text) {
  if (text === undefined || text === null || text === '') return 0;
  const match = String(text).match(/^([0-9.]+)([a-zA-Z]*)$/);
  if (!match) return 0;
  const units = { '': 1, m: 0.001, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };
  return Number(match[1]) * (units[match[2]] ?? 1);
}

function format(resource, value) {
  if (resource === 'cpu') return `${Math.round(value * 1000)}m`;
  return `${Math.round(value / 1024 ** 2)}Mi`;
}

function percent(part, whole) {
  return whole ? `${Math.round(100 * part / whole)} %` : '-';
}
