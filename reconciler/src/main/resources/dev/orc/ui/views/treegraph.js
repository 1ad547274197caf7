import { h, sync, badge } from '../dom.js';
import { GRAPH, layoutBand, bandWidth } from './graphlayout.js';

const SVG = 'http://www.w3.org/2000/svg';
const ICONS = { Deployment: 'deploy', ReplicaSet: 'rs', Pod: 'pod', StatefulSet: 'sts', DaemonSet: 'ds', Job: 'job',
  Service: 'svc', Endpoints: 'ep', Ingress: 'ing', ConfigMap: 'cm', Secret: 'secret', GitSource: 'git', Namespace: 'ns' };
const DEEPEST_COLUMN = 3;

/**
 * The application tree as Argo CD draws it: a card per object in columns by depth, from the root (the GitSource or the
 * namespace) on the left to the pods on the right, joined by SVG edges, more than {@code GRAPH.podCards} pods of one
 * parent as a grid of dots. Each top-level item is a band placed by {@link layoutBand}, which the browser neither lays
 * out nor paints while it is off screen. A change patches the cards and dots whose item changed, in place; a band's
 * positions and edges are set again only when its items come or go. Arrow keys move between cards.
 * {@code draw(model, budget)} draws a {@link treeModel} and answers whether it left bands out for a later frame.
 */
export function treeGraph() {
  const root = new Card('root');
  const bands = h('div', { class: 'graph-bands' });
  const graph = h('div', { class: 'graph', role: 'group', 'aria-label': 'application graph' },
    h('div', { class: 'graph-root' }, root.el), bands);
  // set through the style object: the page's Content-Security-Policy refuses style attributes
  graph.style.minWidth = `${GRAPH.rootWidth + bandWidth(DEEPEST_COLUMN)}rem`;
  graph.addEventListener('keydown', event => move(graph, event));
  const el = h('div', { class: 'graph-view' },
    h('p', { class: 'muted hint' }, 'Arrow keys move between cards: ← to the parent, → to the first child, ↑ ↓ along a column.'),
    graph);
  let drawnBands = new Map();
  let shapes = new Map();
  const draw = (model, budget) => {
    root.show(model.root, 0, '');
    const items = model.groups.flatMap(group => group.items);
    const nextBands = new Map();
    const nextShapes = new Map();
    let deferred = false;
    const wanted = items.map((item, i) => {
      let band = drawnBands.get(item.id);
      if (!band) {
        if (deferred || !budget.allows()) {
          deferred = true;
          return null;
        }
        band = new Band();
      }
      band.show(layoutBand(item, i === 0, i === items.length - 1), shapes, nextShapes);
      nextBands.set(item.id, band);
      return band.el;
    });
    sync(bands, wanted);
    drawnBands = nextBands;
    shapes = nextShapes;
    return deferred;
  };
  return { el, draw };
}

/** One top-level item with everything under it: its cards, grouped pods and edges, in a box of its own height. */
class Band {
  constructor() {
    this.path = document.createElementNS(SVG, 'path');
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('aria-hidden', 'true');
    this.svg.append(this.path);
    this.el = h('div', { class: 'band' });
    this.signature = null;
  }

  /** Draws {@code layout}, taking each box's element from {@code drawn} (or building it) and keeping it in {@code kept}. */
  show(layout, drawn, kept) {
    const placed = this.signature !== layout.signature;
    const elements = layout.boxes.map(box => {
      const shape = drawn.get(box.id) || (box.pods ? new PodGroup() : new Card());
      kept.set(box.id, shape);
      if (box.pods) shape.show(box, drawn, kept);
      else shape.show(box.item, box.column, box.parent);
      if (placed || !shape.placed) shape.place(box);
      return shape.el;
    });
    if (placed) {
      this.signature = layout.signature;
      this.el.style.height = `${layout.height}rem`;
      this.el.style.width = `${layout.width}rem`;
      this.svg.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
      this.svg.style.width = `${layout.width}rem`;
      this.svg.style.height = `${layout.height}rem`;
      this.path.setAttribute('d', layout.path);
    }
    sync(this.el, this.svg, elements);
  }
}

/** The card of one object: kind, name, what it is doing, health and sync state; a link to the object's page. */
class Card {
  constructor(extra = '') {
    this.extra = extra;
    this.icon = h('span', { class: 'icon', 'aria-hidden': 'true' });
    this.name = h('span', { class: 'name' });
    this.detail = h('span', { class: 'detail' });
    this.badges = h('span', { class: 'badges' });
    this.el = h('a', { class: 'node gcard' }, this.icon, this.name, this.detail, this.badges);
    this.version = null;
    this.placed = false;
  }

  show(item, column, parent) {
    if (this.version === item.version) return;
    this.version = item.version;
    const el = this.el;
    el.className = `node gcard ${item.named ? 'named' : item.state.toLowerCase()} ${this.extra}`.trim();
    el.href = item.href;
    el.dataset.key = item.key;
    el.dataset.id = item.id;
    el.dataset.col = column;
    if (parent) el.dataset.parent = parent;
    el.title = [`${item.kind} ${item.name}`, item.detail, item.state, item.sync].filter(Boolean).join(' · ');
    el.setAttribute('aria-label', el.title);
    this.icon.textContent = ICONS[item.kind] || item.kind.toLowerCase();
    this.name.textContent = item.name;
    this.detail.textContent = item.detail;
    this.badges.replaceChildren(...(item.named || !item.state ? [] : [badge(item.state)]), ...(item.sync ? [' ', badge(item.sync)] : []));
  }

  place(box) {
    this.placed = true;
    this.el.style.left = `${box.x}rem`;
    this.el.style.top = `${box.y}rem`;
  }
}

/** More pods of one parent than cards would show readably: a box of dots coloured by health, each a link. */
class PodGroup {
  constructor() {
    this.head = h('span', { class: 'head' });
    this.dots = h('span', { class: 'dots' });
    this.el = h('div', { class: 'pods' }, this.head, this.dots);
    this.placed = false;
  }

  show(box, drawn, kept) {
    const counts = new Map();
    const dots = box.pods.map(pod => {
      counts.set(pod.state, (counts.get(pod.state) || 0) + 1);
      const dot = drawn.get(pod.id) || new Dot();
      kept.set(pod.id, dot);
      dot.show(pod, box.parent);
      return dot.el;
    });
    const head = `${box.pods.length} pods: ` + [...counts].map(([state, count]) => `${count} ${state}`).join(', ');
    if (this.head.textContent !== head) this.head.textContent = head;
    sync(this.dots, dots);
  }

  place(box) {
    this.placed = true;
    this.el.style.left = `${box.x}rem`;
    this.el.style.top = `${box.y}rem`;
    this.el.style.height = `${box.height}rem`;
  }
}

/** One pod of a group: a dot of its health's colour that links to the pod, its state readable to a screen reader. */
class Dot {
  constructor() {
    this.detail = h('span', { class: 'detail' });
    this.el = h('a', { class: 'node dot' }, this.detail);
    this.version = null;
  }

  show(item, parent) {
    if (this.version === item.version) return;
    this.version = item.version;
    const el = this.el;
    el.className = `node dot ${item.state.toLowerCase()}`;
    el.href = item.href;
    el.dataset.key = item.key;
    el.dataset.id = item.id;
    el.dataset.parent = parent;
    el.title = `${item.kind} ${item.name} · ${item.detail} · ${item.state}`;
    el.setAttribute('aria-label', el.title);
    this.detail.textContent = item.detail;
  }
}

/** Moves the focus by an arrow key: to the parent, the first child, the card above or below in the column. */
function move(graph, event) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const from = event.target.closest ? event.target.closest('[data-id]') : null;
  if (!from) return;
  const to = neighbour(graph, from, event.key);
  if (!to) return;
  event.preventDefault();
  to.focus();
}

function neighbour(graph, from, key) {
  const dot = from.classList.contains('dot');
  const parent = () => from.dataset.parent ? graph.querySelector(`[data-id="${CSS.escape(from.dataset.parent)}"]`) : null;
  switch (key) {
    case 'ArrowLeft': return (dot && from.previousElementSibling) || parent();
    case 'ArrowRight': return dot ? from.nextElementSibling : graph.querySelector(`[data-parent="${CSS.escape(from.dataset.id)}"]`);
    case 'ArrowUp':
    case 'ArrowDown': {
      const peers = [...(dot ? from.parentElement.children : graph.querySelectorAll(`a.gcard[data-col="${from.dataset.col}"]`))];
      const step = (key === 'ArrowUp' ? -1 : 1) * (dot ? GRAPH.dotsPerRow : 1);
      return peers[peers.indexOf(from) + step] || null;
    }
    default: return null;
  }
}
