import { SectionTabs } from '../../components/section-tabs';

const REPORT_TABS = [
  { href: '/analytics', label: 'Analytics' },
  { href: '/reports/monthly', label: 'Monthly report' },
];

/** Between the two report pages (the main nav has one Reports link for both). */
export function ReportTabs() {
  return <SectionTabs label="Reports" tabs={REPORT_TABS} />;
}
