import { h, sync, badge, Drawn } from '../dom.js';

/** About the height of one item's row, in rem: what a top-level item off screen is given per row until first drawn. */
const ROW_REM = 2;

/**
 * The application tree as nested lists under a heading per group: the layout of a narrow window, and the one to choose
 * for reading the tree as text. {@code draw(model, budget)} draws a {@link treeModel} and answers whether it left
 * items out for a later frame.
 */
export function treeList() {
  const el = h('div', { class: 'tree-list' });
  const groups = new Map();
  const drawn = new Drawn();
  const rows = new WeakMap();
  // a top-level item off screen is not laid out (style.css: content-visibility) and takes the height its rows will have
  const reserve = li => {
    const count = li.getElementsByTagName('li').length + 1;
    if (rows.get(li) === count) return;
    rows.set(li, count);
    li.style.containIntrinsicSize = `auto ${count * ROW_REM}rem`;
  };
  const draw = (model, budget) => {
    let deferred = false;
    // an item's element is drawn again only when its version changed; one not drawn yet waits when the frame is spent
    const node = item => {
      if (!drawn.has(item.id, item.version) && (deferred || !budget.allows())) {
        deferred = true;
        return null;
      }
      const li = drawn.get(item.id, item.version, () => h('li', {}, link(item)));
      nest(li, item.children.map(node));
      return li;
    };
    sync(el, model.groups.map(({ title, items }) => {
      if (!groups.has(title)) groups.set(title, [h('h2', {}, title), h('ul', { class: 'tree' })]);
      const [heading, list] = groups.get(title);
      const drawnItems = items.map(node);
      sync(list, drawnItems);
      drawnItems.forEach(li => li && reserve(li));
      return items.length ? [heading, list] : [];
    }));
    drawn.done();
    return deferred;
  };
  return { el, draw };
}

function link(item) {
  if (item.named) {
    return h('a', { class: 'node healthy', href: item.href, 'data-key': item.key },
      h('span', { class: 'kind' }, item.kind), ' ', h('span', { class: 'name' }, item.name));
  }
  return h('a', { class: `node ${item.state.toLowerCase()}`, href: item.href, 'data-key': item.key,
    title: `${item.kind} ${item.name}: ${item.state}` },
    h('span', { class: 'kind' }, item.kind), ' ', h('span', { class: 'name' }, item.name), ' ',
    h('span', { class: 'detail' }, item.detail), ' ', badge(item.state), item.sync ? badge(item.sync) : null);
}

/** Sets the children drawn under an item's element, in a list of its own that only an item with children has. */
function nest(li, children) {
  const wanted = children.filter(Boolean);
  const list = li.childElementCount > 1 ? li.lastElementChild : null;
  if (wanted.length) sync(list || li.appendChild(h('ul', {})), wanted);
  else if (list) list.remove();
}
