/**
 * The elements drawn by a Plot mark. Plot gives each mark's <g> an aria-label naming the mark type ("bar", "cell")
 * and, where the chart set one, an aria-description; `name` matches either.
 */
export function marks(root: ParentNode, name: string, tag: string): Element[] {
  const groups = root.querySelectorAll(
    `g[aria-description="${name}"], g[aria-label="${name}"]:not([aria-description])`,
  );
  // Faceted marks nest one <g> per facet inside the mark's group.
  return [...groups].flatMap((group) => [...group.querySelectorAll(tag)]);
}
