export interface RouteDef {
  id: string;
  label: string;
  description: string;
}

/** The app's areas, in navigation order. */
export const ROUTES: readonly RouteDef[] = [
  { id: 'status', label: 'Status', description: 'Versions, folders, backends and hardware' },
  { id: 'models', label: 'Models', description: 'Local GGUF models and their projectors' },
  { id: 'data', label: 'Data', description: 'Survey questions and human answer distributions' },
  { id: 'images', label: 'Images', description: 'Culturally specific images by country' },
  { id: 'experiments', label: 'Experiments', description: 'Build and run alignment experiments' },
  { id: 'results', label: 'Results', description: 'Maps, heatmaps and drill-downs' },
  { id: 'safety', label: 'Safety', description: 'Cultural safety with a local judge' },
  { id: 'attribution', label: 'Attribution', description: 'Values attributed to people in context' },
];

export function routeFromHash(hash: string): string {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return ROUTES.some((route) => route.id === id) ? id : 'status';
}
