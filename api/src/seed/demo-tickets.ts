// The demo team's month, as data: the product catalogue and ~40 requests, each with who asked for what and
// how far it got. seed/demo-story.ts turns a row into the workflow steps the real services then perform.
// Times are relative to the moment the seed runs: `day` is how many days ago the request was made, and the
// story's later steps follow at the usual pace (see STEP_HOURS there).
import type { Criteria, FileFormat, Priority, ProductCategory } from '../domain/creative-request.ts';
import type { TicketStatus } from '../domain/ticket-access.ts';
import type { DemoUsername } from './demo-team.ts';

export const DEMO_PRODUCTS = [
  { name: 'Mobile App', category: 'GENERAL' },
  { name: 'Rewards Club', category: 'GENERAL' },
  { name: 'Payday Promo', category: 'ADS' },
  { name: 'Referral Bonus', category: 'ADS' },
  { name: 'Daily Tips', category: 'TELEGRAM' },
] as const satisfies readonly { name: string; category: ProductCategory }[];

export type DemoProduct = (typeof DEMO_PRODUCTS)[number]['name'];
export type DemoMaker = 'designer' | 'designer2';

export type DemoRequest =
  | { requestType: 'SOCMED_POSTING'; fileFormat: FileFormat; quantity: number }
  | { requestType: 'WEBSITE_BANNER'; criteria: Criteria; quantity: number }
  /** Scheduled work: the shoot starts `startsInHours` after the request and lasts `hours`. */
  | { requestType: 'PHOTOSHOOT' | 'VIDEOSHOOT' | 'LIVE_PRODUCTION'; startsInHours: number; hours: number }
  | { requestType: 'ADS' | 'TELEGRAM_CHANNEL'; items: readonly { product: DemoProduct; quantity: number; criteria?: Criteria }[] };

/** Points of a story a comment can follow. */
export type Milestone = 'requested' | 'approved' | 'assigned' | 'started' | 'completed' | 'revision' | 'closed' | 'rejected';

export type DemoComment = {
  after: Milestone;
  by: DemoUsername;
  body: string;
  /** Index of the comment (in this row's list) this one answers. */
  replyTo?: number;
};

export type DemoTicket = {
  day: number;
  by: DemoUsername;
  title: string;
  description: string;
  priority: Priority;
  request: DemoRequest;
  /** Where the story ends. */
  to: TicketStatus;
  /** The requester's own deadline, days after the request; without one, assignment sets the SLA deadline. */
  dueInDays?: number;
  assignee?: DemoMaker;
  collaborator?: DemoMaker;
  /** Estimated hours at request time, actual hours reported at (last) completion. */
  hours?: { estimated: number; actual: number };
  /** Reasons the requester sent finished work back, in order. */
  revisions?: readonly string[];
  rejection?: { by: 'department' | 'creative'; reason: string };
  comments?: readonly DemoComment[];
};

const social = (fileFormat: FileFormat, quantity = 1): DemoRequest => ({ requestType: 'SOCMED_POSTING', fileFormat, quantity });
const banner = (quantity = 1): DemoRequest => ({ requestType: 'WEBSITE_BANNER', criteria: 'IMAGE', quantity });
const shoot = (requestType: 'PHOTOSHOOT' | 'VIDEOSHOOT' | 'LIVE_PRODUCTION', startsInHours: number, hours: number): DemoRequest => ({
  requestType,
  startsInHours,
  hours,
});
const ads = (...items: [DemoProduct, number, Criteria?][]): DemoRequest => ({
  requestType: 'ADS',
  items: items.map(([product, quantity, criteria]) => ({ product, quantity, criteria })),
});
const telegram = (...items: [DemoProduct, number][]): DemoRequest => ({
  requestType: 'TELEGRAM_CHANNEL',
  items: items.map(([product, quantity]) => ({ product, quantity })),
});

// biome-ignore format: a table: each request's key facts share its first line, so the month reads row by row.
export const DEMO_TICKETS: readonly DemoTicket[] = [
  // Four weeks ago: delivered and confirmed.
  {
    day: 27, by: 'marketer', title: 'Payday sale carousel', priority: 'HIGH', request: social('STILL', 5), to: 'CLOSED', assignee: 'designer',
    description: 'Five-slide carousel for the payday sale: hero offer, three product slides, call to action.',
    hours: { estimated: 6, actual: 7.5 },
    comments: [
      { after: 'started', by: 'designer', body: 'First two slides are up in the drive. @marketer is the headline copy final?' },
      { after: 'started', by: 'marketer', body: 'Final, go ahead with the rest.', replyTo: 0 },
      { after: 'closed', by: 'marketing.manager', body: 'Best-performing carousel this quarter, nice work @designer.' },
    ],
  },
  {
    day: 26, by: 'seller', title: 'Homepage hero banner: referral bonus', priority: 'MEDIUM', request: banner(2), to: 'CLOSED', assignee: 'designer2',
    description: 'Desktop and mobile hero banners announcing the referral bonus.',
  },
  {
    day: 25, by: 'marketing.manager', title: 'Brand photoshoot at the new office', priority: 'MEDIUM', request: shoot('PHOTOSHOOT', 72, 5), to: 'CLOSED',
    assignee: 'designer', collaborator: 'designer2', description: 'Team and workspace photos for the careers page and press kit.',
    comments: [{ after: 'assigned', by: 'creative.manager', body: '@designer2 will help with lighting and the team shots.' }],
  },
  {
    day: 24, by: 'seller', title: 'Competitor comparison banner', priority: 'MEDIUM', request: banner(), to: 'REJECTED',
    description: 'Side-by-side banner comparing our rates with two competitors.',
    rejection: { by: 'department', reason: 'We do not name competitors in public material.' },
  },
  {
    day: 23, by: 'marketer', title: 'Payday promo ads', priority: 'HIGH', request: ads(['Payday Promo', 6, 'IMAGE'], ['Mobile App', 4, 'VIDEO']), to: 'CLOSED',
    assignee: 'designer2', description: 'Feed and story ads for the payday promo, plus app install videos.',
    revisions: ['The logo is too small on the square format.'],
  },
  {
    day: 21, by: 'seller', title: 'Telegram daily tips: week 3', priority: 'LOW', request: telegram(['Daily Tips', 7]), to: 'CLOSED', assignee: 'designer',
    description: 'Seven tip cards for the Telegram channel, one per day.',
  },
  // Three weeks ago.
  {
    day: 19, by: 'designer', title: 'Refresh the social media templates', priority: 'LOW', request: social('STILL', 8), to: 'CLOSED', assignee: 'designer2',
    description: 'Update the shared post templates to the new type scale.', hours: { estimated: 10, actual: 8 },
  },
  {
    day: 18, by: 'marketer', title: 'Photoshoot at the beach resort', priority: 'HIGH', request: shoot('PHOTOSHOOT', 120, 8), to: 'REJECTED',
    description: 'Lifestyle photos at the partner resort for the summer campaign.',
    rejection: { by: 'creative', reason: 'No travel budget this month; let us plan it for next quarter.' },
    comments: [{ after: 'rejected', by: 'marketer', body: "Understood, I'll resubmit for Q3. @creative.manager can you pencil it in?" }],
  },
  {
    day: 16, by: 'marketer', title: 'Customer testimonial video', priority: 'MEDIUM', request: shoot('VIDEOSHOOT', 50, 6), to: 'CLOSED',
    assignee: 'designer', collaborator: 'designer2', description: 'Two-minute testimonial with three long-time customers.',
    hours: { estimated: 16, actual: 19 },
    comments: [
      { after: 'completed', by: 'designer', body: 'Final cut uploaded. @marketer subtitles are burned in for the feed version.' },
    ],
  },
  // Two weeks ago.
  {
    day: 12, by: 'sales.manager', title: 'Referral bonus banner set', priority: 'HIGH', request: banner(3), to: 'CLOSED', assignee: 'designer2',
    description: 'Three banner sizes for the partner portal.',
  },
  {
    day: 11, by: 'designer2', title: 'Redesign the mascot', priority: 'LOW', request: social('STILL'), to: 'REJECTED',
    description: 'A friendlier take on the mascot for the anniversary.',
    rejection: { by: 'creative', reason: 'Brand guidelines are frozen until after the anniversary.' },
  },
  {
    day: 9, by: 'marketer', title: 'Weekend flash sale GIF', priority: 'URGENT', request: social('GIF', 2), to: 'CLOSED', assignee: 'designer',
    description: 'Animated countdown for the weekend flash sale.',
  },
  {
    day: 7, by: 'marketer', title: 'Payday carousel (again)', priority: 'MEDIUM', request: social('STILL', 5), to: 'REJECTED',
    description: 'Carousel for the payday sale.',
    rejection: { by: 'department', reason: 'Duplicate: the payday ads are already in progress, reuse those.' },
  },
  {
    day: 6, by: 'seller', title: 'Rewards Club launch posts', priority: 'MEDIUM', request: social('STILL', 4), to: 'CLOSED', assignee: 'designer2',
    description: 'Four launch posts for the Rewards Club.',
  },
  {
    day: 6, by: 'marketer', title: 'Holiday campaign key visual', priority: 'HIGH', request: banner(2), to: 'IN_PROGRESS',
    assignee: 'designer', collaborator: 'designer2', description: 'The key visual every holiday asset will be cut from.',
    comments: [
      { after: 'started', by: 'marketing.manager', body: '@designer any ETA? We need it for the Monday meeting.' },
      { after: 'started', by: 'designer', body: 'Tomorrow noon; @designer2 is on the resizes.', replyTo: 0 },
    ],
  },
  // This week: the queue as it stands.
  {
    day: 5, by: 'marketer', title: 'Reels: behind the scenes', priority: 'MEDIUM', request: social('VIDEO_PORTRAIT', 3), to: 'COMPLETED', assignee: 'designer',
    description: 'Three short reels from the office shoot footage.', revisions: ['The music is too loud under the voice-over.'],
    hours: { estimated: 8, actual: 11 },
  },
  {
    day: 5, by: 'sales.manager', title: 'Trade show booth banner', priority: 'HIGH', request: banner(), dueInDays: 4, to: 'APPROVED',
    description: 'Roll-up banner for the trade show booth; print deadline is firm.',
    comments: [{ after: 'approved', by: 'sales.manager', body: '@creative.manager the printer needs it by Thursday.' }],
  },
  {
    day: 4, by: 'seller', title: 'Partner landing page banner', priority: 'MEDIUM', request: banner(), to: 'COMPLETED', assignee: 'designer2',
    description: 'Banner for the new partner landing page.',
  },
  {
    day: 4, by: 'seller', title: 'Customer success story graphics', priority: 'MEDIUM', request: social('STILL', 3), to: 'REQUESTED',
    description: 'Quote cards for three customer success stories.',
  },
  {
    day: 4, by: 'sales.manager', title: 'Store opening video', priority: 'HIGH', request: shoot('VIDEOSHOOT', 30, 8), to: 'IN_PROGRESS', assignee: 'designer2',
    description: 'Cover the flagship store opening: ribbon cutting, interviews, crowd shots.',
  },
  {
    day: 3, by: 'creative.manager', title: 'Creative team portfolio reel', priority: 'MEDIUM', request: social('VIDEO_LANDSCAPE'), to: 'COMPLETED',
    assignee: 'designer2', description: "Highlights of this quarter's work for the all-hands.",
  },
  {
    day: 3, by: 'marketer', title: 'Influencer collab posts', priority: 'MEDIUM', request: social('VIDEO_PORTRAIT', 4), to: 'IN_PROGRESS', assignee: 'designer',
    description: 'Four vertical videos with the influencer partner.', revisions: ['Please add the discount code on screen.'],
  },
  {
    day: 3, by: 'seller', title: 'Sales kick-off slides visuals', priority: 'MEDIUM', request: social('STILL', 6), dueInDays: 2, to: 'PENDING_CREATIVE',
    description: 'Background visuals and icons for the sales kick-off deck.',
  },
  {
    day: 2.5, by: 'marketer', title: 'Telegram: payday announcement', priority: 'HIGH', request: telegram(['Daily Tips', 3], ['Rewards Club', 2]), to: 'COMPLETED',
    assignee: 'designer', description: 'Announcement cards for the channel on payday.',
  },
  {
    day: 2, by: 'marketer', title: 'Payday ads: round 2', priority: 'MEDIUM', request: ads(['Payday Promo', 8], ['Referral Bonus', 4]), to: 'IN_PROGRESS',
    assignee: 'designer2', description: 'New variants of the best-performing payday ads.',
  },
  {
    day: 2, by: 'seller', title: 'Loyalty program flyer', priority: 'MEDIUM', request: social('STILL'), to: 'APPROVED',
    description: 'One-page flyer for the loyalty program.',
    comments: [
      { after: 'approved', by: 'creative.manager', body: 'Queued for next sprint. @seller do you have the final terms?' },
      { after: 'approved', by: 'seller', body: 'Sending them over today.', replyTo: 0 },
    ],
  },
  {
    day: 2, by: 'marketing.manager', title: 'Anniversary teaser video', priority: 'HIGH', request: social('VIDEO_LANDSCAPE'), to: 'PENDING_CREATIVE',
    description: 'Fifteen-second teaser for the anniversary campaign.',
    comments: [{ after: 'requested', by: 'marketing.manager', body: '@creative.manager this one is time-sensitive, can we slot it in this week?' }],
  },
  {
    day: 1.5, by: 'sales.manager', title: 'Price list graphics', priority: 'URGENT', request: social('STILL', 2), to: 'IN_PROGRESS', assignee: 'designer',
    description: 'Updated price list for the stores, portrait and landscape.',
  },
  {
    day: 1.2, by: 'marketer', title: 'Product photos: new bundle', priority: 'MEDIUM', request: shoot('PHOTOSHOOT', 60, 4), to: 'APPROVED', assignee: 'designer2',
    description: 'Packshots of the new bundle on white and in context.',
  },
  {
    day: 1, by: 'designer2', title: 'Website footer refresh', priority: 'LOW', request: banner(), to: 'IN_PROGRESS', assignee: 'designer2',
    description: 'Align the footer illustrations with the new palette.',
  },
  {
    day: 1, by: 'marketer', title: 'Newsletter email header', priority: 'LOW', request: banner(), to: 'PENDING_CREATIVE',
    description: 'Header image for the monthly newsletter.',
  },
  {
    day: 1, by: 'marketer', title: 'Weekend promo GIFs', priority: 'MEDIUM', request: social('GIF', 3), dueInDays: 5, to: 'REQUESTED',
    description: 'Three looping GIFs for the weekend promo.',
  },
  {
    day: 0.75, by: 'marketer', title: 'Live stream: product Q&A', priority: 'HIGH', request: shoot('LIVE_PRODUCTION', 16, 3), to: 'IN_PROGRESS',
    assignee: 'designer', collaborator: 'designer2', description: 'Live Q&A with the product team, streamed to the page.',
  },
  {
    day: 0.6, by: 'creative.manager', title: 'Team headshots', priority: 'LOW', request: shoot('PHOTOSHOOT', 48, 3), to: 'APPROVED', assignee: 'designer',
    description: 'Fresh headshots for the Creative team page.',
  },
  {
    day: 0.5, by: 'marketer', title: 'Telegram: weekend tips', priority: 'MEDIUM', request: telegram(['Daily Tips', 5]), to: 'APPROVED',
    description: 'Five tip cards for the weekend.',
  },
  {
    day: 0.5, by: 'seller', title: 'Referral ads refresh', priority: 'HIGH', request: ads(['Referral Bonus', 6]), to: 'REQUESTED',
    description: 'Refresh the referral ads with the new bonus amount.',
  },
  {
    day: 0.4, by: 'designer', title: 'App store screenshots', priority: 'MEDIUM', request: ads(['Mobile App', 5]), to: 'PENDING_CREATIVE',
    description: 'Five screenshots for the app store listing update.',
  },
  {
    day: 0.3, by: 'sales.manager', title: 'Partner logo wall', priority: 'LOW', request: banner(), to: 'PENDING_CREATIVE',
    description: 'A logo wall of our twenty biggest partners for the website.',
  },
  {
    day: 0.2, by: 'marketer', title: 'Telegram channel banner', priority: 'LOW', request: telegram(['Rewards Club', 1]), to: 'REQUESTED',
    description: 'New cover banner for the Telegram channel.',
  },
  {
    day: 0.1, by: 'seller', title: 'Promo video for the store screens', priority: 'MEDIUM', request: shoot('VIDEOSHOOT', 96, 4), to: 'REQUESTED',
    description: 'A silent loop for the in-store screens.',
  },
];
