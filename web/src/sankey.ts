// The geometry of a Sankey diagram, kept apart from React so it can be tested on its own.
// Nodes sit in columns, stacked top to bottom with a gap; a node is as tall as the larger of the
// money flowing into and out of it. Links are bands whose thickness is their amount on the same
// scale, leaving a node's right edge and reaching the next node's left edge as a cubic Bézier curve.
// Amounts are integer minor units; they only ever become pixels here, never money again.

export interface SankeyInputNode {
  id: string;
  column: number;
}

export interface SankeyInputLink {
  source: string;
  target: string;
  amount: number;
}

export interface SankeyOptions {
  width: number;
  /** Height of the drawing area before it grows to fit a crowded column. */
  minHeight?: number;
  nodeWidth?: number;
  /** Vertical gap between nodes of a column: room for a two-line label. */
  nodeGap?: number;
  /** Nodes to put last in their column whatever their order (e.g. "not yet spent"). */
  last?: (id: string) => boolean;
}

export interface PlacedNode<N extends SankeyInputNode> {
  node: N;
  /** max(money in, money out), in minor units. */
  value: number;
  inflow: number;
  outflow: number;
  x: number;
  y: number;
  height: number;
  /** Whether its label goes left of the node (the last column) or right of it. */
  labelSide: 'left' | 'right';
}

export interface PlacedLink<L extends SankeyInputLink> {
  link: L;
  /** Stroke width of the band. */
  width: number;
  /** Centre line of the band: `M x0 y0 C … x1 y1`. */
  path: string;
  y0: number;
  y1: number;
}

export interface SankeyLayout<N extends SankeyInputNode, L extends SankeyInputLink> {
  width: number;
  height: number;
  nodes: PlacedNode<N>[];
  links: PlacedLink<L>[];
}

const MIN_NODE_HEIGHT = 2;
const MIN_LINK_WIDTH = 1;

/** Lays out nodes and links; links naming an unknown node or carrying no money are left out. */
export function layoutSankey<N extends SankeyInputNode, L extends SankeyInputLink>(
  inputNodes: readonly N[],
  inputLinks: readonly L[],
  options: SankeyOptions,
): SankeyLayout<N, L> {
  const nodeWidth = options.nodeWidth ?? 12;
  const gap = options.nodeGap ?? 30;
  const last = options.last ?? (() => false);
  const byId = new Map(inputNodes.map((node) => [node.id, node]));
  const links = inputLinks.filter((l) => l.amount > 0 && byId.has(l.source) && byId.has(l.target) && l.source !== l.target);

  const inflow = new Map<string, number>();
  const outflow = new Map<string, number>();
  for (const link of links) {
    outflow.set(link.source, (outflow.get(link.source) ?? 0) + link.amount);
    inflow.set(link.target, (inflow.get(link.target) ?? 0) + link.amount);
  }
  // Only nodes that carry money are drawn.
  const nodes = inputNodes.filter((n) => (inflow.get(n.id) ?? 0) > 0 || (outflow.get(n.id) ?? 0) > 0);
  const value = (id: string) => Math.max(inflow.get(id) ?? 0, outflow.get(id) ?? 0);

  const columnNumbers = [...new Set(nodes.map((n) => n.column))].sort((a, b) => a - b);
  const columns = columnNumbers.map((c) => nodes.filter((n) => n.column === c));
  const tallest = Math.max(0, ...columns.map((c) => c.length));
  const baseHeight = Math.max(options.minHeight ?? 320, tallest * (gap + 24));

  // One scale for every column, so equal amounts are equally thick everywhere.
  const scale = Math.min(
    ...columns.map((column) => {
      const total = column.reduce((sum, n) => sum + value(n.id), 0);
      return total > 0 ? (baseHeight - (column.length - 1) * gap) / total : Infinity;
    }),
  );
  const k = Number.isFinite(scale) ? scale : 0;
  // Tiny nodes are drawn at a minimum height, which can push a column past the base height: grow to fit.
  const columnHeight = (column: N[]) =>
    column.reduce((sum, n) => sum + Math.max(MIN_NODE_HEIGHT, value(n.id) * k), 0) + (column.length - 1) * gap;
  const height = Math.max(baseHeight, ...columns.map(columnHeight));

  // Order: the first column by size; later columns by where their money comes from (the weighted
  // mean position of their sources), which keeps bands from crossing more than they must.
  const rank = new Map<string, number>();
  const placed = new Map<string, PlacedNode<N>>();
  const span = Math.max(1, columns.length - 1);
  columns.forEach((column, index) => {
    const order = (n: N) => {
      if (index === 0) return -value(n.id);
      let weight = 0;
      let sum = 0;
      for (const link of links) {
        if (link.target !== n.id) continue;
        const r = rank.get(link.source);
        if (r === undefined) continue;
        weight += link.amount;
        sum += r * link.amount;
      }
      return weight > 0 ? sum / weight : Number.MAX_SAFE_INTEGER;
    };
    const sorted = [...column].sort(
      (a, b) => Number(last(a.id)) - Number(last(b.id)) || order(a) - order(b) || value(b.id) - value(a.id) || a.id.localeCompare(b.id),
    );
    const heights = sorted.map((n) => Math.max(MIN_NODE_HEIGHT, value(n.id) * k));
    const used = heights.reduce((sum, h) => sum + h, 0) + (sorted.length - 1) * gap;
    let y = Math.max(0, (height - used) / 2);
    const x = columns.length === 1 ? 0 : (index / span) * (options.width - nodeWidth);
    sorted.forEach((n, i) => {
      rank.set(n.id, i);
      placed.set(n.id, {
        node: n,
        value: value(n.id),
        inflow: inflow.get(n.id) ?? 0,
        outflow: outflow.get(n.id) ?? 0,
        x,
        y,
        height: heights[i],
        labelSide: index === columns.length - 1 && columns.length > 1 ? 'left' : 'right',
      });
      y += heights[i] + gap;
    });
  });

  // Bands leave a node in the order of their targets and arrive in the order of their sources,
  // so the bands of one node do not cross each other.
  const centre = (id: string) => {
    const p = placed.get(id)!;
    return p.y + p.height / 2;
  };
  const outOffset = new Map<string, number>();
  const inOffset = new Map<string, number>();
  const sourceY = new Map<L, number>();
  for (const link of [...links].sort((a, b) => centre(a.target) - centre(b.target))) {
    const s = placed.get(link.source)!;
    const thickness = link.amount * k;
    const offset = outOffset.get(link.source) ?? 0;
    sourceY.set(link, s.y + offset + thickness / 2);
    outOffset.set(link.source, offset + thickness);
  }
  const placedLinks: PlacedLink<L>[] = [];
  for (const link of [...links].sort((a, b) => centre(a.source) - centre(b.source))) {
    const s = placed.get(link.source)!;
    const t = placed.get(link.target)!;
    const thickness = link.amount * k;
    const offset = inOffset.get(link.target) ?? 0;
    inOffset.set(link.target, offset + thickness);
    const y0 = sourceY.get(link)!;
    const y1 = t.y + offset + thickness / 2;
    const x0 = s.x + nodeWidth;
    const x1 = t.x;
    const mid = (x0 + x1) / 2;
    placedLinks.push({
      link,
      width: Math.max(MIN_LINK_WIDTH, thickness),
      path: `M${round(x0)} ${round(y0)}C${round(mid)} ${round(y0)} ${round(mid)} ${round(y1)} ${round(x1)} ${round(y1)}`,
      y0,
      y1,
    });
  }
  // Thick bands first, so a thin one is never hidden under a thick one.
  placedLinks.sort((a, b) => b.width - a.width);

  return { width: options.width, height, nodes: [...placed.values()], links: placedLinks };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
