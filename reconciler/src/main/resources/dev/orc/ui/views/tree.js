import { h, sync } from '../dom.js';
import { collectionPath } from '../kinds.js';
import { TREE_KINDS, treeModel } from './treemodel.js';
import { FrameBudget } from './budget.js';
import { treeGraph } from './treegraph.js';
import { treeList } from './treelist.js';

/** Below this width the tree is drawn as nested lists unless the user chose the graph. */
const NARROW = '(max-width: 48rem)';
const LAYOUTS = ['graph', 'list'];

/**
 * The application tree of a namespace, or of the objects one GitSource manages there: Deployments → ReplicaSets →
 * Pods, StatefulSets, DaemonSets and Jobs → Pods, Services → endpoints, Ingresses, ConfigMaps and Secrets by name. It is
 * drawn as a graph (views/treegraph.js), or as nested lists (views/treelist.js) in a narrow window or when the user
 * chooses them (the address's {@code layout=list}). A first load draws the first screenful first and the rest in the
 * following frames (views/budget.js); a change redraws only its own objects.
 */
export function treeView({ live, params, query, navigate }) {
  const [namespace] = params;
  const source = query.get('source') || '';
  const chosen = LAYOUTS.includes(query.get('layout')) ? query.get('layout') : '';
  const narrow = matchMedia(NARROW);
  const layout = () => chosen || (narrow.matches ? 'list' : 'graph');
  const el = h('section', {});
  const title = h('h1', {}, source ? `Applications of ${source} in ${namespace}` : `Applications in ${namespace}`);
  const controls = h('div', { class: 'inline' }, namespacePicker(namespace, source, navigate), layoutSwitch(namespace, query, layout()));
  const nothing = h('p', { class: 'muted' }, 'Nothing here yet.');
  const paths = [...TREE_KINDS.map(kind => collectionPath(kind, namespace)), collectionPath('GitSource', '')];
  let drawing = layout() === 'graph' ? treeGraph() : treeList();
  let latest = null;
  let more = 0;
  const draw = () => {
    more = 0;
    const focused = el.contains(document.activeElement) ? document.activeElement.getAttribute('data-key') : null;
    const model = treeModel(latest, namespace, source);
    const deferred = drawing.draw(model, new FrameBudget());
    sync(el, title, controls, model.errors.map(message => h('p', { class: 'error', role: 'alert' }, message)),
      model.empty ? nothing : drawing.el);
    if (focused && !el.contains(document.activeElement)) {
      const again = el.querySelector(`[data-key="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
    if (deferred) more = requestAnimationFrame(draw);
  };
  const resized = () => {
    if (chosen) return;
    drawing = layout() === 'graph' ? treeGraph() : treeList();
    controls.lastElementChild.replaceWith(layoutSwitch(namespace, query, layout()));
    if (latest) {
      cancelAnimationFrame(more);
      draw();
    }
  };
  narrow.addEventListener('change', resized);
  const stop = live.followAll(paths, collections => {
    latest = collections;
    cancelAnimationFrame(more);
    draw();
  });
  return { el, dispose: () => { cancelAnimationFrame(more); narrow.removeEventListener('change', resized); stop(); } };
}

function namespacePicker(namespace, source, navigate) {
  const input = h('input', { id: 'namespace', value: namespace, 'data-key': 'namespace', size: 16, autocomplete: 'off' });
  return h('form', { class: 'inline', onsubmit: event => {
    event.preventDefault();
    navigate(`#/tree/${encodeURIComponent(input.value.trim() || 'default')}${source ? '?source=' + source : ''}`);
  } }, h('label', { for: 'namespace' }, 'Namespace '), input, ' ', h('button', { type: 'submit' }, 'Show'));
}

/** Links to the tree drawn as a graph and as lists, the one shown marked current. */
function layoutSwitch(namespace, query, shown) {
  const link = layout => {
    const next = new URLSearchParams(query);
    next.set('layout', layout);
    return h('a', { href: `#/tree/${encodeURIComponent(namespace)}?${next}`, 'data-key': 'layout-' + layout,
      'aria-current': String(layout === shown) }, layout === 'graph' ? 'Graph' : 'List');
  };
  return h('span', { class: 'layouts', role: 'group', 'aria-label': 'layout' }, 'Show as ', link('graph'), ' ', link('list'));
}
