import { h, render, badge, table, row, ago, errorBox } from '../dom.js';
import { collectionPath, objectLink } from '../kinds.js';

/** Events of the cluster as they happen, filtered by text and type. */
export function eventsView({ live }) {
  const el = h('section', {});
  const filter = h('input', { id: 'filter', type: 'search', 'data-key': 'filter', placeholder: 'namespace, object, reason, message…' });
  const warnings = h('input', { id: 'warnings', type: 'checkbox', 'data-key': 'warnings' });
  const list = h('div', {});
  let latest = null;
  const draw = () => {
    if (!latest) return;
    if (latest.error && !latest.loaded) return render(list, errorBox(latest.error));
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = latest.list.filter(e => !warnings.checked || e.type === 'Warning').filter(e => {
      const text = `${e.metadata.namespace} ${e.involvedObject.kind} ${e.involvedObject.name} ${e.reason} ${e.message}`.toLowerCase();
      return words.every(word => text.includes(word));
    }).sort((a, b) => Date.parse(b.lastTimestamp || b.eventTime || 0) - Date.parse(a.lastTimestamp || a.eventTime || 0)).slice(0, 300);
    render(list, table(['last', 'type', 'object', 'reason', 'message', 'count'], shown.map(e => row(ago(e.lastTimestamp || e.eventTime),
      badge(e.type, e.type === 'Normal' ? 'healthy' : 'degraded'),
      h('a', { href: objectLink(e.involvedObject.kind, e.involvedObject.namespace, e.involvedObject.name) },
        `${e.involvedObject.kind} ${e.involvedObject.namespace ? e.involvedObject.namespace + '/' : ''}${e.involvedObject.name}`),
      e.reason, e.message, e.count || 1))));
  };
  filter.addEventListener('input', draw);
  warnings.addEventListener('change', draw);
  render(el, h('h1', {}, 'Events'),
    h('p', { class: 'inline' }, h('label', { for: 'filter' }, 'Filter '), filter, ' ', warnings, h('label', { for: 'warnings' }, ' warnings only')),
    list);
  const stop = live.follow(collectionPath('Event', ''), events => { latest = events; draw(); });
  return { el, dispose: stop };
}
