// The ownership graph as a picture: the organization at the bottom, its owners in layers above it,
// people as rounded pills and organizations as rectangles, each edge labelled with the share and
// the kinds of control. Beneficial owners are highlighted; cycles and unresolved chains are warned
// about. Laid out here (no graph library): longest-path layers, ordered by their neighbours below.
import { Alert, Box, Group, List, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { BeneficialOwners, GraphEdge, GraphNode } from '../api';
import { countryName } from '../countries';

const NODE_W = 210;
const NODE_H = 60;
const GAP_X = 48;
const GAP_Y = 96;
const PAD = 24;
/** Width a long edge takes where it passes through a layer (it needs a lane, not a node's room). */
const LANE_W = 24;

interface Placed extends GraphNode {
  x: number;
  y: number;
  layer: number;
}

interface Point {
  x: number;
  y: number;
}

interface LaidEdge extends GraphEdge {
  /** The edge closes a cycle: drawn dashed and bowed, outside the layering. */
  back: boolean;
  /** Owner's bottom, the lanes it passes through, the owned organization's top. */
  points: Point[];
  /** Where the label sits: in the gap just below the owner, clear of other nodes. */
  labelAt: Point;
}

interface Layout {
  nodes: Placed[];
  edges: LaidEdge[];
  width: number;
  height: number;
}

/**
 * Layers: the target is layer 0 and every owner sits above everything it owns (longest path), so
 * chains read bottom-up. Edges that close a cycle are found by a depth-first walk and left out of
 * the layering (drawn dashed). An edge that skips layers gets a lane in each layer it crosses, so
 * it never runs through a node. Each layer is ordered by the mean position of what its members
 * own (one barycentre sweep upwards).
 */
export function layoutGraph(targetId: string, graphNodes: GraphNode[], graphEdges: GraphEdge[]): Layout {
  const ownersOf = new Map<string, GraphEdge[]>();
  for (const edge of graphEdges) {
    const list = ownersOf.get(edge.to) ?? [];
    list.push(edge);
    ownersOf.set(edge.to, list);
  }
  // Depth-first from the target upwards: an edge to a node still on the stack closes a cycle.
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const edge of ownersOf.get(id) ?? []) {
      const seen = state.get(edge.from);
      if (seen === 'open') back.add(edge.id);
      else if (seen === undefined) visit(edge.from);
    }
    state.set(id, 'done');
  };
  visit(targetId);
  for (const node of graphNodes) if (!state.has(node.id)) visit(node.id);

  const layer = new Map<string, number>([[targetId, 0]]);
  // Longest path on the acyclic rest: relax until stable (at most one pass per node).
  for (let pass = 0; pass < graphNodes.length; pass++) {
    let changed = false;
    for (const edge of graphEdges) {
      if (back.has(edge.id)) continue;
      const below = layer.get(edge.to);
      if (below === undefined) continue;
      if ((layer.get(edge.from) ?? -1) < below + 1) {
        layer.set(edge.from, below + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const top = Math.max(0, ...layer.values());
  for (const node of graphNodes) if (!layer.has(node.id)) layer.set(node.id, top + 1);

  // Members of each layer: real nodes, and lanes for edges passing through. `down` is what a member
  // connects to in the layer below (what it owns, or the next lane of its edge).
  interface Member {
    key: string;
    node?: GraphNode;
    width: number;
    down: string[];
  }
  const layers: Member[][] = [];
  const members = new Map<string, Member>();
  const add = (l: number, member: Member) => {
    (layers[l] ??= []).push(member);
    members.set(member.key, member);
  };
  for (const node of graphNodes) add(layer.get(node.id) ?? 0, { key: node.id, node, width: NODE_W, down: [] });
  const lanesOf = new Map<string, string[]>();
  for (const edge of graphEdges) {
    if (back.has(edge.id)) continue;
    const from = layer.get(edge.from) ?? 0;
    const to = layer.get(edge.to) ?? 0;
    const lanes: string[] = [];
    for (let l = from - 1; l > to; l--) {
      const key = `${edge.id}@${l}`;
      add(l, { key, width: LANE_W, down: [] });
      lanes.push(key);
    }
    lanesOf.set(edge.id, lanes);
    const chain = [edge.from, ...lanes, edge.to];
    for (let i = 0; i + 1 < chain.length; i++) members.get(chain[i])?.down.push(chain[i + 1]);
  }

  const position = new Map<string, number>();
  layers.forEach((row = [], l) => {
    if (l > 0) {
      const score = (member: Member) => {
        const below = member.down.filter((key) => position.has(key)).map((key) => position.get(key) ?? 0);
        return below.length ? below.reduce((a, b) => a + b, 0) / below.length : Number.MAX_SAFE_INTEGER;
      };
      row.sort((a, b) => score(a) - score(b) || (a.node?.name ?? a.key).localeCompare(b.node?.name ?? b.key));
    }
    // Positions as centres in a row of the members' own widths, so lanes stay narrow.
    let x = 0;
    for (const member of row) {
      position.set(member.key, x + member.width / 2);
      x += member.width + GAP_X;
    }
  });

  const rowWidth = (row: Member[] = []) => row.reduce((sum, m) => sum + m.width, 0) + Math.max(0, row.length - 1) * GAP_X;
  const widest = Math.max(NODE_W, ...layers.map(rowWidth));
  const width = PAD * 2 + widest;
  const height = PAD * 2 + layers.length * NODE_H + (layers.length - 1) * GAP_Y;
  const yOf = (l: number) => height - PAD - NODE_H - l * (NODE_H + GAP_Y);
  const centre = new Map<string, number>();
  layers.forEach((row = []) => {
    const left = PAD + (widest - rowWidth(row)) / 2;
    for (const member of row) centre.set(member.key, left + (position.get(member.key) ?? 0));
  });

  const placed: Placed[] = [];
  layers.forEach((row = [], l) => {
    for (const member of row) {
      if (member.node) placed.push({ ...member.node, layer: l, x: (centre.get(member.key) ?? 0) - NODE_W / 2, y: yOf(l) });
    }
  });

  const edges: LaidEdge[] = graphEdges.map((edge) => {
    const fromLayer = layer.get(edge.from) ?? 0;
    const toLayer = layer.get(edge.to) ?? 0;
    const fromX = centre.get(edge.from) ?? 0;
    const toX = centre.get(edge.to) ?? 0;
    if (back.has(edge.id) || fromLayer <= toLayer) {
      // Upward or sideways: from the owner's top to the owned one's bottom.
      const points = [
        { x: fromX, y: yOf(fromLayer) },
        { x: toX, y: yOf(toLayer) + NODE_H },
      ];
      return { ...edge, back: true, points, labelAt: { x: (fromX + toX) / 2 + 80, y: (points[0].y + points[1].y) / 2 } };
    }
    const points: Point[] = [{ x: fromX, y: yOf(fromLayer) + NODE_H }];
    (lanesOf.get(edge.id) ?? []).forEach((key, index) => {
      const l = fromLayer - 1 - index;
      const x = centre.get(key) ?? 0;
      points.push({ x, y: yOf(l) }, { x, y: yOf(l) + NODE_H });
    });
    points.push({ x: toX, y: yOf(toLayer) });
    return {
      ...edge,
      back: false,
      points,
      labelAt: { x: (points[0].x + points[1].x) / 2, y: (points[0].y + points[1].y) / 2 },
    };
  });
  return { nodes: placed, edges, width, height };
}

interface LabelBox {
  x: number;
  y: number;
  width: number;
}

const LABEL_H = 22;

/** How wide a label is drawn: about 6.6 px a character at 12 px, plus padding. */
function labelWidth(text: string): number {
  return Math.max(40, text.length * 6.6 + 12);
}

/**
 * Puts each edge's label on its first stretch (or, for a cycle edge, on its curve), trying the middle
 * first and then points nearer either end, so that labels do not cover each other or a node.
 */
function placeLabels(edges: LaidEdge[], nodes: Placed[], textOf: (edge: GraphEdge) => string): Map<string, LabelBox> {
  const placed: LabelBox[] = [];
  const result = new Map<string, LabelBox>();
  const overlaps = (a: LabelBox) =>
    placed.some((b) => Math.abs(a.x - b.x) < (a.width + b.width) / 2 + 4 && Math.abs(a.y - b.y) < LABEL_H + 2) ||
    nodes.some((n) => a.x + a.width / 2 > n.x && a.x - a.width / 2 < n.x + NODE_W && a.y + LABEL_H / 2 > n.y && a.y - LABEL_H / 2 < n.y + NODE_H);
  const at = (edge: LaidEdge, t: number) => {
    const [p0, p1] = edge.points;
    if (edge.back) {
      const c = { x: edge.labelAt.x + 80, y: edge.labelAt.y };
      const p2 = edge.points[edge.points.length - 1];
      return {
        x: (1 - t) ** 2 * p0.x + 2 * (1 - t) * t * c.x + t ** 2 * p2.x,
        y: (1 - t) ** 2 * p0.y + 2 * (1 - t) * t * c.y + t ** 2 * p2.y,
      };
    }
    return { x: p0.x + (p1.x - p0.x) * t, y: p0.y + (p1.y - p0.y) * t };
  };
  // Cycle edges first: they have the least room to move.
  const ordered = [...edges].sort((a, b) => Number(b.back) - Number(a.back));
  for (const edge of ordered) {
    const text = textOf(edge);
    if (!text) continue;
    const width = labelWidth(text);
    let chosen: LabelBox | undefined;
    for (const t of [0.5, 0.35, 0.65, 0.25, 0.75, 0.18, 0.82]) {
      const point = at(edge, t);
      const box = { ...point, width };
      if (!overlaps(box)) {
        chosen = box;
        break;
      }
    }
    chosen ??= { ...at(edge, 0.5), width };
    placed.push(chosen);
    result.set(edge.id, chosen);
  }
  return result;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function formatShare(share: number | null, locale: string): string | null {
  return share === null ? null : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(share)} %`;
}

interface OwnershipGraphProps {
  data: BeneficialOwners;
  /** Name of the organization the graph is about, for the text alternative. */
  organizationName: string;
}

export function OwnershipGraph({ data, organizationName }: OwnershipGraphProps) {
  const { t, i18n } = useTranslation();
  const uid = useId().replace(/:/g, '');
  const locale = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'uk-UA';
  const { nodes, edges, width, height } = layoutGraph(data.organizationId, data.graph.nodes, data.graph.edges);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const beneficial = new Set(data.owners.filter((o) => o.isBeneficialOwner).map((o) => o.personId));
  const unresolved = new Set(data.unresolvedOrganizations.map((o) => o.id));
  const inCycle = new Set(data.cycles.flat().map((o) => o.id));
  const controlText = (kinds: string[]) => kinds.map((k) => t(`controlKind.${k}` as 'controlKind.other')).join(', ');
  const edgeLabel = (edge: GraphEdge) =>
    [formatShare(edge.sharePercent, locale), edge.controlKinds.length ? controlText(edge.controlKinds) : null].filter(Boolean).join(' · ');
  const labels = placeLabels(edges, nodes, edgeLabel);
  const nodeText = (node: GraphNode) =>
    node.country ? `${node.name} (${countryName(node.country)})` : node.name;

  if (nodes.length <= 1) {
    return <Text>{t('ownershipGraph.empty')}</Text>;
  }

  return (
    <Stack>
      {(data.cycles.length > 0 || data.unresolvedOrganizations.length > 0 || data.truncated) && (
        <Alert color="yellow" variant="light" title={t('ownershipGraph.warningsTitle')}>
          <List size="sm">
            {data.cycles.map((cycle, index) => (
              <List.Item key={`cycle-${index}`}>
                {t('ownershipGraph.cycle', { chain: [...cycle, cycle[0]].map((o) => o.name).join(' → ') })}
              </List.Item>
            ))}
            {data.unresolvedOrganizations.map((o) => (
              <List.Item key={`unresolved-${o.id}`}>{t('ownershipGraph.unresolved', { name: o.name })}</List.Item>
            ))}
            {data.truncated && <List.Item>{t('ownershipGraph.truncated')}</List.Item>}
          </List>
        </Alert>
      )}

      <Group gap="lg" aria-hidden="true" wrap="wrap">
        <LegendItem shape="organization" label={t('ownershipGraph.legendOrganization')} />
        <LegendItem shape="person" label={t('ownershipGraph.legendPerson')} />
        <LegendItem shape="beneficial" label={t('ownershipGraph.legendBeneficial')} />
        <LegendItem shape="warning" label={t('ownershipGraph.legendWarning')} />
      </Group>

      <div
        role="region"
        aria-label={t('ownershipGraph.regionLabel')}
        tabIndex={0}
        style={{ overflowX: 'auto', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
      >
        <svg
          role="img"
          aria-labelledby={`${uid}-title ${uid}-desc`}
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          style={{ display: 'block', margin: '0 auto', maxWidth: 'none' }}
          data-testid="ownership-graph"
        >
          <title id={`${uid}-title`}>{t('ownershipGraph.title', { name: organizationName })}</title>
          <desc id={`${uid}-desc`}>
            {t('ownershipGraph.desc', { nodes: nodes.length, edges: edges.length })}
          </desc>
          <defs>
            <marker id={`${uid}-arrow`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#495057" />
            </marker>
          </defs>
          {edges.map((edge) => {
            const [first, ...rest] = edge.points;
            const last = edge.points[edge.points.length - 1];
            // Cycle edges bow out to the side so they do not hide the forward ones.
            const path = edge.back
              ? `M ${first.x} ${first.y} Q ${edge.labelAt.x + 80} ${edge.labelAt.y} ${last.x} ${last.y}`
              : `M ${first.x} ${first.y} ${rest.map((p) => `L ${p.x} ${p.y}`).join(' ')}`;
            return (
              <g key={edge.id}>
                <path
                  d={path}
                  fill="none"
                  stroke={edge.back ? '#c92a2a' : '#495057'}
                  strokeWidth={1.6}
                  strokeLinejoin="round"
                  strokeDasharray={edge.back ? '6 4' : undefined}
                  markerEnd={`url(#${uid}-arrow)`}
                />
              </g>
            );
          })}
          {/* Labels after every line, so no line is drawn across a label. */}
          {edges.map((edge) => {
            const box = labels.get(edge.id);
            if (!box) return null;
            return (
              <g key={`label-${edge.id}`}>
                <rect
                  x={box.x - box.width / 2}
                  y={box.y - LABEL_H / 2}
                  width={box.width}
                  height={LABEL_H}
                  rx={4}
                  fill="#ffffff"
                  stroke={edge.back ? '#c92a2a' : '#ced4da'}
                />
                <text x={box.x} y={box.y + 4} textAnchor="middle" fontSize={12} fill="#212529">
                  {edgeLabel(edge)}
                </text>
              </g>
            );
          })}
          {nodes.map((node) => {
            const isTarget = node.id === data.organizationId;
            const isBeneficial = node.kind === 'person' && beneficial.has(node.id);
            const warn = unresolved.has(node.id) || inCycle.has(node.id);
            const fill = isBeneficial ? '#fff3bf' : isTarget ? '#d0ebff' : node.kind === 'person' ? '#f3f0ff' : '#f8f9fa';
            const stroke = warn ? '#c92a2a' : isBeneficial ? '#e67700' : isTarget ? '#1864ab' : '#495057';
            return (
              <g key={node.id} data-testid={`graph-node-${node.kind}`}>
                <title>{nodeText(node)}</title>
                <rect
                  x={node.x}
                  y={node.y}
                  width={NODE_W}
                  height={NODE_H}
                  rx={node.kind === 'person' ? NODE_H / 2 : 4}
                  fill={fill}
                  stroke={stroke}
                  strokeWidth={isBeneficial || isTarget ? 3 : 1.5}
                  strokeDasharray={warn ? '6 3' : undefined}
                />
                <text x={node.x + NODE_W / 2} y={node.y + 25} textAnchor="middle" fontSize={13} fontWeight={600} fill="#212529">
                  {(isBeneficial ? '★ ' : '') + truncate(node.name, isBeneficial ? 24 : 26)}
                </text>
                <text x={node.x + NODE_W / 2} y={node.y + 44} textAnchor="middle" fontSize={11} fill="#495057">
                  {[
                    node.kind === 'person' ? t('ownershipGraph.person') : t('ownershipGraph.organization'),
                    node.country ? countryName(node.country) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </text>
              </g>
            );
          })}
        </svg>
      </div>

      <Box component="details">
        <Box component="summary" style={{ cursor: 'pointer' }}>
          {t('ownershipGraph.textAlternative')}
        </Box>
        <List size="sm" mt="xs" data-testid="ownership-graph-text">
          {edges.map((edge) => {
            const from = byId.get(edge.from);
            const to = byId.get(edge.to);
            if (!from || !to) return null;
            return (
              <List.Item key={edge.id}>
                {t('ownershipGraph.edgeText', {
                  owner: nodeText(from),
                  kind: from.kind === 'person' ? t('ownershipGraph.person') : t('ownershipGraph.organization'),
                  owned: nodeText(to),
                  what: edgeLabel(edge) || t('common.none'),
                })}
                {from.kind === 'person' && beneficial.has(from.id) ? ` ${t('ownershipGraph.isBeneficial')}` : ''}
              </List.Item>
            );
          })}
        </List>
      </Box>
    </Stack>
  );
}

function LegendItem({ shape, label }: { shape: 'organization' | 'person' | 'beneficial' | 'warning'; label: string }) {
  const style = {
    organization: { rx: 2, fill: '#f8f9fa', stroke: '#495057', dash: undefined },
    person: { rx: 8, fill: '#f3f0ff', stroke: '#495057', dash: undefined },
    beneficial: { rx: 8, fill: '#fff3bf', stroke: '#e67700', dash: undefined },
    warning: { rx: 2, fill: '#ffffff', stroke: '#c92a2a', dash: '4 2' },
  }[shape];
  return (
    <Group gap={6} wrap="nowrap">
      <svg width={30} height={16} aria-hidden="true">
        <rect x={1} y={1} width={28} height={14} rx={style.rx} fill={style.fill} stroke={style.stroke} strokeWidth={1.5} strokeDasharray={style.dash} />
      </svg>
      <Text size="sm">{label}</Text>
    </Group>
  );
}
