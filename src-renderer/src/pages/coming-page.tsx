import { EmptyState, Page } from '../components/page';
import type { RouteDef } from '../app/routes';

/** Shown for an area whose capability is not built yet; says so plainly instead of faking content. */
export function ComingPage({ route }: { route: RouteDef }) {
  return (
    <Page title={route.label} subtitle={route.description}>
      <EmptyState title={`${route.label} is not available in this build yet`}>
        <p>
          This area arrives with its capability. The Status page shows what this installation can do today.
        </p>
      </EmptyState>
    </Page>
  );
}
