import type { ReactNode } from 'react';

import { AttributionPage } from '../pages/attribution/attribution-page';
import { ComingPage } from '../pages/coming-page';
import { DataPage } from '../pages/data/data-page';
import { ImagesPage } from '../pages/images/images-page';
import { ModelsPage } from '../pages/models/models-page';
import { ResultsPage } from '../pages/results/results-page';
import { ExperimentsPage } from '../pages/runs/experiments-page';
import { SafetyPage } from '../pages/safety/safety-page';
import { StatusPage } from '../pages/status-page';
import { AppShell } from './app-shell';
import { ROUTES } from './routes';
import { useTheme } from './theme';
import { useHashRoute } from './use-hash-route';

/** Pages by route id; an area without a page yet says so instead of pretending. */
const PAGES: Record<string, () => ReactNode> = {
  status: () => <StatusPage />,
  models: () => <ModelsPage />,
  data: () => <DataPage />,
  images: () => <ImagesPage />,
  experiments: () => <ExperimentsPage />,
  results: () => <ResultsPage />,
  safety: () => <SafetyPage />,
  attribution: () => <AttributionPage />,
};

export function App() {
  const route = useHashRoute();
  const [theme, setTheme] = useTheme();
  const definition = ROUTES.find((item) => item.id === route) ?? ROUTES[0]!;
  const render = PAGES[route];
  return (
    <AppShell route={route} theme={theme} onThemeChange={setTheme}>
      {render !== undefined ? render() : <ComingPage route={definition} />}
    </AppShell>
  );
}
