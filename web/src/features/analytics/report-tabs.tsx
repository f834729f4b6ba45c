import { A } from '@solidjs/router';

/** Between the two report pages (the main nav has one Reports link for both). */
export function ReportTabs() {
  return (
    <nav class="report-tabs" aria-label="Reports">
      <A href="/analytics" class="report-tab" activeClass="report-tab-active">
        Analytics
      </A>
      <A href="/reports/monthly" class="report-tab" activeClass="report-tab-active">
        Monthly report
      </A>
    </nav>
  );
}
