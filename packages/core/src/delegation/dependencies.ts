/** A dependency edge: `taskId` cannot start before `dependsOnId` is done. */
export interface DependencyEdge {
  taskId: string;
  dependsOnId: string;
}

/** True when adding `taskId -> dependsOnId` would close a cycle (including a self-edge). */
export function wouldCreateCycle(
  edges: readonly DependencyEdge[],
  taskId: string,
  dependsOnId: string,
): boolean {
  if (taskId === dependsOnId) return true;
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const list = next.get(e.taskId);
    if (list) list.push(e.dependsOnId);
    else next.set(e.taskId, [e.dependsOnId]);
  }
  // Is taskId reachable from dependsOnId by following "depends on"?
  const seen = new Set<string>();
  const stack = [dependsOnId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === taskId) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const n of next.get(id) ?? []) stack.push(n);
  }
  return false;
}
