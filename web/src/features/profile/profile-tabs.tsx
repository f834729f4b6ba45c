import { SectionTabs } from '../../components/section-tabs';

/** The profile's pages: the person's settings and their API tokens. */
export function ProfileTabs() {
  return (
    <SectionTabs
      label="Profile"
      tabs={[
        { href: '/profile', label: 'Settings', end: true },
        { href: '/profile/tokens', label: 'API tokens' },
      ]}
    />
  );
}
