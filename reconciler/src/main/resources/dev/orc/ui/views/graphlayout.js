/**
 * Where the graph of an application tree puts its cards and edges, in rem, computed rather than measured so that a
 * band (one top-level item with everything under it) is placed without the browser laying it out. Columns by depth:
 * the root (the GitSource or namespace) in column 0, top-level items in column 1, their children in 2, and so on; a
 * parent is centred on the block of its children.
 */
export const GRAPH = Object.freeze({
  rootWidth: 14, cardWidth: 16, cardHeight: 3.5, columnGap: 2.5, rowGap: 0.75,
  /** More pods than this under one parent are drawn as a grid of dots in one box, as Argo CD groups them. */
  podCards: 8,
  dotsPerRow: 12, dotRow: 1.25, groupChrome: 1.75,
});

/** The x of column {@code column} (1 and up) in a band, whose trunk (the root's edges) runs at x = columnGap / 2. */
export function columnX(column) {
  return GRAPH.columnGap + (column - 1) * (GRAPH.cardWidth + GRAPH.columnGap);
}

/** The width of a band whose deepest column is {@code columns}, with room for a focused card's outline. */
export function bandWidth(columns) {
  return columnX(columns) + GRAPH.cardWidth + GRAPH.rowGap / 2;
}

/**
 * The shape of a band of top-level {@code item}: its boxes in pre-order, each {id, item, x, y, width, height, column,
 * parent} (a box of grouped pods has {@code pods}, the items, instead of {@code item}), its height (with half a row
 * gap above and below), its width, the SVG path of its edges, and a signature that changes whenever its items do.
 * {@code first} and {@code last} say whether the band begins or ends the trunk that joins the top-level items to the
 * root.
 */
export function layoutBand(item, first, last) {
  const tree = shape(item, 1, 'root');
  measure(tree);
  const boxes = [];
  place(tree, GRAPH.rowGap / 2, boxes);
  const height = tree.block + GRAPH.rowGap;
  const middle = tree.y + tree.height / 2;
  const trunk = GRAPH.columnGap / 2;
  const edges = [`M${trunk} ${first ? middle : 0}V${last ? middle : height}`, `M${trunk} ${middle}H${GRAPH.columnGap}`];
  for (const box of boxes) {
    if (box.parentBox) edges.push(curve(box.parentBox, box));
  }
  const columns = Math.max(...boxes.map(box => box.column));
  return { boxes: boxes.map(({ parentBox, ...box }) => box), height, width: bandWidth(columns), path: edges.join(''),
    signature: signature(item) + (first ? 'F' : '') + (last ? 'L' : '') };
}

/** The height of a box of {@code count} grouped pods. */
export function groupHeight(count) {
  return Math.max(GRAPH.cardHeight, GRAPH.groupChrome + Math.ceil(count / GRAPH.dotsPerRow) * GRAPH.dotRow);
}

function shape(item, column, parent) {
  const pods = item.children.length > GRAPH.podCards && item.children.every(child => child.kind === 'Pod');
  const children = pods
    ? [{ id: item.id + '/pods', pods: item.children, column: column + 1, parent: item.id,
      height: groupHeight(item.children.length), children: [] }]
    : item.children.map(child => shape(child, column + 1, item.id));
  return { id: item.id, item, column, parent, height: GRAPH.cardHeight, children };
}

function measure(node) {
  node.children.forEach(measure);
  node.span = node.children.reduce((sum, child) => sum + child.block, 0)
    + GRAPH.rowGap * Math.max(0, node.children.length - 1);
  node.block = Math.max(node.height, node.span);
}

function place(node, top, boxes, parentBox = null) {
  node.y = top + (node.block - node.height) / 2;
  const box = { id: node.id, item: node.item, pods: node.pods, x: columnX(node.column), y: node.y, width: GRAPH.cardWidth,
    height: node.height, column: node.column, parent: node.parent, parentBox };
  boxes.push(box);
  let cursor = top + (node.block - node.span) / 2;
  for (const child of node.children) {
    place(child, cursor, boxes, box);
    cursor += child.block + GRAPH.rowGap;
  }
}

function curve(from, to) {
  const [x1, y1] = [from.x + from.width, from.y + from.height / 2];
  const [x2, y2] = [to.x, to.y + to.height / 2];
  const middle = (x1 + x2) / 2;
  return `M${x1} ${y1}C${middle} ${y1} ${middle} ${y2} ${x2} ${y2}`;
}

/** What decides a band's shape: the ids of its items, nested. */
function signature(item) {
  return item.id + '(' + item.children.map(signature).join(',') + ')';
}
