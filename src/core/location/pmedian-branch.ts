/**
 * Exact p-median by Lagrangian branch and bound (Beasley 1985): every node carries sites
 * fixed open and closed; its bound is the Lagrangian relaxation restricted to those fixings
 * (subgradient warm-started from the parent's multipliers), tightened by reduced-cost
 * fixing; a node whose bound reaches the best known cost is pruned. Branching opens or
 * closes the most attractive free site of the relaxed solution. Best-first order, so the
 * smallest open bound is the proven lower bound whenever the search stops.
 */
import { pMedianCost } from './evaluate.ts';
import { type LocationInstance, SITE_STATUS, withStatus } from './instance.ts';
import { swapPMedian } from './pmedian-heuristic.ts';
import { type PMedianBound, pMedianFixings, pMedianLagrangian } from './pmedian-lagrangian.ts';

/**
 * Subgradient steps at a node at most. A node's bound need not converge: its children start
 * from its multipliers and go on from there, so short runs at many nodes prove sooner than long
 * ones at few: on pmed1–40, 30 to 60 steps proved more instances sooner than 400, and 20 left
 * the hardest at its root gap (bench/HISTORY.md, "Constants").
 */
const NODE_STEPS = 50;

interface Node {
  readonly status: Uint8Array;
  readonly lambda: Float64Array;
  readonly bound: number;
}

export interface BranchResult {
  readonly open: number[];
  readonly cost: number;
  /** Proven lower bound on the optimum. */
  readonly bound: number;
  readonly proven: boolean;
  readonly nodes: number;
}

export function pMedianBranchAndBound(
  x: LocationInstance,
  p: number,
  start: { open: number[]; cost: number; root: PMedianBound },
  options: { shouldStop: () => boolean; maxNodes?: number },
): BranchResult {
  let bestOpen = start.open;
  let bestCost = start.cost;
  const tol = () => (x.integral ? 1 - 1e-6 : 1e-9 * Math.max(1, Math.abs(bestCost)));
  const prunable = (bound: number) => bound > bestCost - tol();
  const heap: Node[] = [];
  const push = (n: Node) => {
    heap.push(n);
    heap.sort((a, b) => b.bound - a.bound); // pop() takes the smallest bound
  };
  const tried = new Set<string>();
  const tryOpen = (open: number[]) => {
    if (open.length !== p) return;
    const key = [...open].sort((a, b) => a - b).join(',');
    if (tried.has(key)) return;
    tried.add(key);
    const cost = pMedianCost(x, open);
    // Relaxed solutions close to the best are worth a local search: they are often one or
    // two swaps from a better solution.
    if (cost < bestCost * 1.02) {
      const improved = swapPMedian(x, open, options.shouldStop);
      if (improved.cost < bestCost) {
        bestCost = improved.cost;
        bestOpen = improved.open;
      }
    }
  };
  const rootFix = pMedianFixings(x, start.root, bestCost);
  const rootStatus = Uint8Array.from(x.status);
  for (const j of rootFix.forbid) rootStatus[j] = SITE_STATUS.forbidden;
  for (const j of rootFix.fix) rootStatus[j] = SITE_STATUS.fixed;
  push({ status: rootStatus, lambda: start.root.lambda, bound: start.root.bound });
  let nodes = 0;
  const maxNodes = options.maxNodes ?? 100_000;
  while (heap.length > 0) {
    const node = heap.pop() as Node;
    if (prunable(node.bound)) continue;
    if (options.shouldStop() || nodes >= maxNodes) {
      push(node);
      break;
    }
    nodes++;
    const sub = withStatus(x, node.status);
    const fixedCount = [...node.status].filter((s) => s === SITE_STATUS.fixed).length;
    const freeCount = [...node.status].filter((s) => s === SITE_STATUS.free).length;
    if (fixedCount > p || fixedCount + freeCount < p) continue; // infeasible node
    if (fixedCount === p || fixedCount + freeCount === p) {
      const open: number[] = [];
      for (let j = 0; j < node.status.length; j++) if (node.status[j] !== SITE_STATUS.forbidden) open.push(j);
      tryOpen(fixedCount === p ? open.filter((j) => node.status[j] === SITE_STATUS.fixed) : open);
      continue;
    }
    const lr = pMedianLagrangian(sub, p, {
      upperBound: () => bestCost,
      initialLambda: node.lambda,
      maxIterations: NODE_STEPS,
      patience: 20,
      shouldStop: options.shouldStop,
      onCandidate: (open) => tryOpen(open),
    });
    const bound = Math.max(lr.bound, node.bound);
    if (prunable(bound)) continue;
    tryOpen(lr.relaxedOpen);
    if (prunable(bound)) continue;
    const fix = pMedianFixings(sub, lr, bestCost);
    const status = Uint8Array.from(node.status);
    for (const j of fix.forbid) status[j] = SITE_STATUS.forbidden;
    for (const j of fix.fix) status[j] = SITE_STATUS.fixed;
    // Branch on the most attractive free site the relaxation opens.
    let pick = -1;
    for (const j of lr.relaxedOpen) {
      if (status[j] !== SITE_STATUS.free) continue;
      if (pick < 0 || (lr.rho[j] ?? 0) < (lr.rho[pick] ?? 0)) pick = j;
    }
    if (pick < 0) {
      // Every relaxed site is fixed: the node is solved by its own fixings.
      push({ status, lambda: lr.lambda, bound });
      continue;
    }
    const opened = Uint8Array.from(status);
    opened[pick] = SITE_STATUS.fixed;
    const closed = Uint8Array.from(status);
    closed[pick] = SITE_STATUS.forbidden;
    push({ status: opened, lambda: lr.lambda, bound });
    push({ status: closed, lambda: lr.lambda, bound });
  }
  const open = heap.filter((n) => !prunable(n.bound));
  const bound = open.length === 0 ? bestCost : Math.min(bestCost, ...open.map((n) => n.bound));
  return { open: bestOpen, cost: bestCost, bound, proven: open.length === 0, nodes };
}
