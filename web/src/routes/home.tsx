import { DashboardPage } from '../features/dashboard/dashboard-page';

/** The signed-in home is the dashboard. */
export function HomePage() {
  return <DashboardPage />;
}
