// Imports every type file for its effect, then builds the schema.
import { builder } from './builder.ts';
import './types/enums.ts';
import './types/error-code.ts';
import './types/department.ts';
import './types/user.ts';
import './types/api-token.ts';
import './types/auth.ts';
import './types/product.ts';
import './types/ticket.ts';
import './types/ticket-stage-times.ts';
import './types/ticket-mentionable-users.ts';
import './types/ticket-history.ts';
import './types/ticket-mutations.ts';
import './types/bulk-tickets.ts';
import './types/comment.ts';
import './types/attachment.ts';
import './types/dashboard-stats.ts';
import './types/analytics.ts';
import './types/activity-log.ts';
import './types/notification.ts';
import './types/telegram.ts';
import './types/ticket-event.ts';
import './types/webhook.ts';
import './types/search.ts';
import './types/saved-view.ts';

export const schema = builder.toSchema({ sortSchema: true });
