import { h, render, badge, table, row, button, ago, errorBox } from '../dom.js';
import { collectionPath, objectPath } from '../kinds.js';
import { toYaml, lineDiff } from '../yaml.js';

const SYNC_ANNOTATION = 'orc.dev/sync-requested-at';
const PIN_ANNOTATION = 'orc.dev/pinned-commit';

/** Every GitSource: sync state, health, last commit, next poll. */
export function gitSourcesView({ live }) {
  const el = h('section', { 'aria-labelledby': 'title' });
  const stop = live.follow(collectionPath('GitSource', ''), sources => {
    if (sources.error && !sources.loaded) return render(el, h('h1', { id: 'title' }, 'GitSources'), errorBox(sources.error));
    const rows = sources.list.sort(byName).map(source => {
      const status = source.status || {};
      const last = (status.history || [])[0] || {};
      const name = `${source.metadata.namespace}/${source.metadata.name}`;
      return row(
        h('a', { href: `#/gitsource/${source.metadata.namespace}/${source.metadata.name}`, 'data-key': name }, name),
        badge(syncState(source)), badge(status.health),
        commitCell(last, status.lastAppliedCommit),
        nextPoll(source));
    });
    render(el, h('h1', { id: 'title' }, 'GitSources'),
      table(['source', 'sync', 'health', 'last commit', 'next poll'], rows));
  });
  return { el, dispose: stop };
}

/** One GitSource: results per object, history, errors, drift, and the actions. */
export function gitSourceView({ api, live, params }) {
  const [namespace, name] = params;
  const path = objectPath('GitSource', namespace, name);
  const el = h('section', {});
  const diff = h('div', { class: 'diff-panel' });
  const message = h('p', { role: 'status', 'aria-live': 'polite' });
  const act = async (label, work) => {
    message.textContent = label + '…';
    try { await work(); message.textContent = label + ': done'; } catch (e) { message.textContent = label + ': ' + e.message; }
  };
  const stop = live.followAll([collectionPath('GitSource', namespace), collectionPath('Deployment', '')], ([sources, deployments]) => {
    const source = sources.list.find(s => s.metadata.name === name);
    if (!source) return render(el, h('h1', {}, `GitSource ${namespace}/${name}`),
      sources.error ? errorBox(sources.error) : h('p', {}, 'no such GitSource'));
    const status = source.status || {};
    const suspended = !!(source.spec || {}).suspend;
    const owner = `${namespace}/${name}`;
    const pinned = deployments.list.filter(d => (d.metadata.annotations || {})['orc.dev/gitsource'] === owner
      && (d.metadata.annotations || {})[PIN_ANNOTATION]);
    const errors = (status.message || '').split('\n').filter(line => line.trim());
    render(el,
      h('h1', {}, `GitSource ${owner} `, badge(syncState(source)), ' ', badge(status.health)),
      h('p', {}, `${source.spec.url} `, h('span', { class: 'muted' }, source.spec.path ? `path ${source.spec.path}` : ''),
        ' · ', h('a', { href: `#/tree/${(source.spec.targetNamespace) || namespace}?source=${owner}` }, 'application tree')),
      h('div', { class: 'actions' },
        button('Sync now', () => act('Sync', () => api.patch(path, { metadata: { annotations: { [SYNC_ANNOTATION]: new Date().toISOString() } } })),
          { disabled: suspended, 'data-key': 'sync' }),
        suspended ? button('Resume', () => act('Resume', () => api.patch(path, { spec: { suspend: null } })), { 'data-key': 'resume' })
          : button('Suspend', () => act('Suspend', () => api.patch(path, { spec: { suspend: true } })), { 'data-key': 'suspend' }),
        button('Show drift', () => showDiff(api, path, diff), { 'data-key': 'diff' })),
      message,
      h('dl', { class: 'facts' },
        h('dt', {}, 'last commit'), h('dd', {}, commitCell((status.history || [])[0] || {}, status.lastAppliedCommit)),
        h('dt', {}, 'last sync'), h('dd', {}, status.lastSyncTime ? `${ago(status.lastSyncTime)} (${status.lastSyncTime})` : 'never'),
        h('dt', {}, 'next poll'), h('dd', {}, nextPoll(source))),
      errors.length && status.sync !== 'Synced' ? h('div', { class: 'error', role: 'alert' }, h('h2', {}, 'Errors'),
        h('ul', {}, errors.map(line => h('li', {}, h('code', {}, line))))) : null,
      pinned.length ? h('div', { class: 'pins' }, h('h2', {}, 'Pinned by a rollback'), h('ul', {}, pinned.map(d =>
        h('li', {}, `Deployment ${d.metadata.namespace}/${d.metadata.name} pinned at ${d.metadata.annotations[PIN_ANNOTATION].slice(0, 12)} `,
          button('Remove pin', () => act('Unpin', () => api.patch(objectPath('Deployment', d.metadata.namespace, d.metadata.name),
            { metadata: { annotations: { [PIN_ANNOTATION]: null } } }))))))) : null,
      diff,
      h('h2', {}, 'Objects'),
      table(['kind', 'object', 'action', 'result', 'message'], (status.objects || []).map(o => row(o.kind,
        h('a', { href: `#/object/${o.kind}/${o.namespace || '-'}/${o.name}` }, o.namespace ? `${o.namespace}/${o.name}` : o.name),
        o.action, badge(o.result), o.message || ''))),
      h('h2', {}, 'History'),
      table(['time', 'commit', 'author', 'message', 'result', 'took'], (status.history || []).map(s => row(
        s.time ? ago(s.time) : '', h('code', {}, (s.commit || '').slice(0, 12)), s.author || '', s.message || '',
        badge(s.result), s.duration || ''))));
  });
  return { el, dispose: stop };
}

async function showDiff(api, path, panel) {
  render(panel, h('p', {}, 'Computing the drift…'));
  try {
    const preview = await api.get(path + '/diff');
    const blocks = (preview.changes || []).map(change => {
      const lines = lineDiff(change.live ? toYaml(clean(change.live)) : '', change.desired ? toYaml(clean(change.desired)) : '');
      return h('details', { open: true }, h('summary', {}, `${change.action} ${change.kind} ${change.namespace ? change.namespace + '/' : ''}${change.name}`),
        change.refused ? h('p', { class: 'error' }, change.refused) : null,
        h('pre', { class: 'diff' }, lines.filter((line, i) => line[0] !== ' ' || near(lines, i)).map(([mark, text]) =>
          h('span', { class: mark === '+' ? 'add' : mark === '-' ? 'del' : '' }, `${mark} ${text}\n`))));
    });
    render(panel, h('h2', {}, `Drift against ${(preview.commit || '').slice(0, 12)}`),
      (preview.errors || []).map(e => h('p', { class: 'error' }, e)),
      (preview.conflicts || []).map(c => h('p', { class: 'error' }, String(c))),
      blocks.length ? blocks : h('p', {}, 'No drift: the cluster matches Git.'));
  } catch (e) {
    render(panel, errorBox(e));
  }
}

function near(lines, index) {
  for (let i = Math.max(0, index - 3); i <= Math.min(lines.length - 1, index + 3); i++) if (lines[i][0] !== ' ') return true;
  return false;
}

function clean(object) {
  const copy = structuredClone(object);
  delete copy.status;
  if (copy.metadata) {
    for (const key of ['resourceVersion', 'uid', 'creationTimestamp', 'generation', 'managedFields']) delete copy.metadata[key];
    if (copy.metadata.annotations) delete copy.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
  }
  return copy;
}

export function syncState(source) {
  if ((source.spec || {}).suspend) return 'Suspended';
  return (source.status || {}).sync || 'Unknown';
}

function commitCell(last, applied) {
  const commit = last.commit || applied;
  if (!commit) return h('span', { class: 'muted' }, 'none yet');
  return h('span', {}, h('code', {}, commit.slice(0, 12)), ' ', last.message ? `${last.message.split('\n')[0]} ` : '',
    h('span', { class: 'muted' }, [last.author, last.time ? ago(last.time) : ''].filter(Boolean).join(', ')));
}

function nextPoll(source) {
  if ((source.spec || {}).suspend) return 'suspended';
  const every = (source.spec || {}).interval || '1m';
  const last = (source.status || {}).lastSyncTime;
  const interval = parseDuration(every);
  if (!last || !interval) return `every ${every}`;
  const since = Date.now() - Date.parse(last);
  const seconds = Math.max(0, Math.round((interval - (since % interval)) / 1000));
  return `in about ${seconds}s (every ${every})`;
}

function parseDuration(text) {
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    ms += Number(n) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[unit];
  }
  return ms;
}

function byName(a, b) {
  return (a.metadata.namespace + '/' + a.metadata.name).localeCompare(b.metadata.namespace + '/' + b.metadata.name);
}
