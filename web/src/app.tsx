import { Route, Router } from '@solidjs/router';
import { Provider } from '@urql/solid';
import { lazy, type ParentProps, Suspense } from 'solid-js';
import { Loading } from './components/loading';
import { client } from './lib/client';
import { MANAGE_PATHS } from './routes/manage-pages';
import { SignedInLayout } from './routes/signed-in-layout';

// Pages load on demand so the first paint only carries what it shows.
const LoginPage = lazy(() => import('./features/accounts/pages').then((module) => ({ default: module.LoginPage })));
const BoardPage = lazy(() => import('./features/board/board-page').then((module) => ({ default: module.BoardPage })));
const TicketsListPage = lazy(() => import('./features/tickets-list/tickets-list-page').then((module) => ({ default: module.TicketsListPage })));
const MyTasksPage = lazy(() => import('./features/tickets-list/my-tasks-page').then((module) => ({ default: module.MyTasksPage })));
const HomePage = lazy(() => import('./routes/home').then((module) => ({ default: module.HomePage })));
const RequestFormPage = lazy(() => import('./features/request-form/request-form-page').then((module) => ({ default: module.RequestFormPage })));
const TicketPage = lazy(() => import('./features/ticket/ticket-page').then((module) => ({ default: module.TicketPage })));
const ProofPage = lazy(() => import('./features/proofing/proof-page').then((module) => ({ default: module.ProofPage })));
const AnalyticsPage = lazy(() => import('./features/analytics/analytics-page').then((module) => ({ default: module.AnalyticsPage })));
const MonthlyReportPage = lazy(() => import('./features/analytics/monthly-report-page').then((module) => ({ default: module.MonthlyReportPage })));
const ManagePage = lazy(() => import('./routes/manage').then((module) => ({ default: module.ManagePage })));
const RegisterPage = lazy(() => import('./features/accounts/pages').then((module) => ({ default: module.RegisterPage })));
const WaitingPage = lazy(() => import('./features/accounts/pages').then((module) => ({ default: module.WaitingPage })));
const ChangePasswordPage = lazy(() => import('./features/accounts/pages').then((module) => ({ default: module.ChangePasswordPage })));
const NotificationsPage = lazy(() => import('./features/notifications').then((module) => ({ default: module.NotificationsPage })));
const ProfilePage = lazy(() => import('./features/profile/profile-page').then((module) => ({ default: module.ProfilePage })));
const ApiTokensPage = lazy(() => import('./features/integrations/api-tokens-page').then((module) => ({ default: module.ApiTokensPage })));
const NotFoundPage = lazy(() => import('./routes/not-found').then((module) => ({ default: module.NotFoundPage })));

export function App() {
  return (
    <Provider value={client}>
      <Router root={Root}>
        <Route path="/login" component={LoginPage} />
        <Route path="/register" component={RegisterPage} />
        <Route path="/register/waiting" component={WaitingPage} />
        <Route path="/change-password" component={ChangePasswordPage} />
        <Route path="/" component={SignedInLayout}>
          <Route path="/board" component={BoardPage} />
          <Route path="/tickets" component={TicketsListPage} />
          <Route path="/my-tasks" component={MyTasksPage} />
          <Route path="/" component={HomePage} />
          <Route path={['/new', '/tickets/new']} component={RequestFormPage} />
          <Route path="/tickets/:number" component={TicketPage} />
          <Route path="/tickets/:number/files/:attachmentId" component={ProofPage} />
          <Route path="/analytics" component={AnalyticsPage} />
          <Route path="/reports/monthly" component={MonthlyReportPage} />
          <Route path={MANAGE_PATHS} component={ManagePage} />
          <Route path="/notifications" component={NotificationsPage} />
          <Route path="/profile" component={ProfilePage} />
          <Route path="/profile/tokens" component={ApiTokensPage} />
          <Route path="*" component={NotFoundPage} />
        </Route>
      </Router>
    </Provider>
  );
}

function Root(props: ParentProps) {
  return <Suspense fallback={<Loading />}>{props.children}</Suspense>;
}
