// Webhooks (issue 24): register an endpoint (its signing secret returned once), change, turn off or delete it,
// and send a delivery again. Deliveries are written with each ticket change (ticket-changes.ts
// recordTicketEvent) and sent by notifications/webhook-dispatcher.ts.
import { randomBytes } from 'node:crypto';
import type { Prisma, PrismaClient, Webhook, WebhookDelivery } from '../db/generated/prisma/client.ts';
import { BadInputError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import type { Viewer } from '../domain/viewer.ts';
import { isAdmin } from '../domain/viewer.ts';
import type { TicketEventType } from '../domain/vocabulary.ts';
import {
  MAX_WEBHOOKS_PER_OWNER,
  mayManageWebhook,
  mayUseWebhooks,
  validateWebhookDescription,
  validateWebhookEvents,
  validateWebhookUrl,
} from '../domain/webhooks.ts';
import { checkTarget, TargetRefusedError } from '../notifications/webhook-target.ts';
import { createWithinLimit, OWNER_LOCKS } from './per-owner-limit.ts';

/** A Standard Webhooks secret: "whsec_" and the base64 of 24 random bytes (the spec asks for 24 to 64). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export type CreateWebhookInput = { url: string; events: readonly TicketEventType[]; departmentId: string | null; description: string | null };
export type UpdateWebhookInput = {
  url?: string | null;
  events?: readonly TicketEventType[] | null;
  enabled?: boolean | null;
  description?: string | null;
  /** null: every department; undefined: unchanged. */
  departmentId?: string | null;
};

/** How the viewer is calling: through an API token (a member may then use webhooks) or with a session. */
export type Caller = { viewer: Viewer; viaApiToken: boolean };

export function createWebhookService(deps: { prisma: PrismaClient; allowPrivateTargets: boolean }) {
  const { prisma } = deps;

  function assertMayUse({ viewer, viaApiToken }: Caller): void {
    if (!mayUseWebhooks(viewer, viaApiToken)) throw new ForbiddenError('Only managers and admins (or an API token with the WRITE scope) use webhooks.');
  }

  /** The URL, checked for form and for where it leads (SSRF): a refusal names the address. */
  async function checkedUrl(value: string): Promise<string> {
    const url = validateWebhookUrl(value);
    try {
      await checkTarget(url, deps.allowPrivateTargets);
    } catch (error) {
      if (error instanceof TargetRefusedError) throw new BadInputError(`url refused: ${error.message}`, 'url');
      throw error;
    }
    return url.toString();
  }

  async function checkedDepartment(departmentId: string | null): Promise<string | null> {
    if (departmentId && !(await prisma.department.findUnique({ where: { id: departmentId }, select: { id: true } }))) throw new NotFoundError('Department');
    return departmentId;
  }

  /** A webhook the viewer may manage, or NOT_FOUND (one they may not manage is one they need not know of). */
  async function manageable(viewer: Viewer, id: string): Promise<Webhook> {
    const webhook = await prisma.webhook.findUnique({ where: { id } });
    if (!webhook || !mayManageWebhook(viewer, webhook)) throw new NotFoundError('Webhook');
    return webhook;
  }

  return {
    /** The webhooks a viewer sees: their own; an admin every one. */
    visibleWhere(viewer: Viewer): Prisma.WebhookWhereInput {
      return isAdmin(viewer) ? {} : { ownerId: viewer.id };
    },

    /** The deliveries a viewer sees: those of the webhooks they see. */
    deliveriesVisibleWhere(viewer: Viewer): Prisma.WebhookDeliveryWhereInput {
      return isAdmin(viewer) ? {} : { webhook: { ownerId: viewer.id } };
    },

    /** Returns the signing secret (shown this once) with the stored webhook. */
    async create(caller: Caller, input: CreateWebhookInput): Promise<{ webhook: Webhook; secret: string }> {
      assertMayUse(caller);
      const events = validateWebhookEvents(input.events);
      const description = validateWebhookDescription(input.description ?? '');
      const departmentId = await checkedDepartment(input.departmentId);
      const url = await checkedUrl(input.url);
      const secret = newWebhookSecret();
      // Every ticket change writes a delivery per matching endpoint inside its own transaction: a person's endpoints
      // are bounded so no one can make every write in the system slower by registering thousands.
      const webhook = await createWithinLimit(
        prisma,
        {
          lock: OWNER_LOCKS.webhooks,
          ownerId: caller.viewer.id,
          max: MAX_WEBHOOKS_PER_OWNER,
          refusal: `At most ${MAX_WEBHOOKS_PER_OWNER} webhooks per person; delete one first.`,
          field: 'url',
        },
        (tx) => tx.webhook.count({ where: { ownerId: caller.viewer.id } }),
        (tx) => tx.webhook.create({ data: { ownerId: caller.viewer.id, url, events, description, departmentId, secret } }),
      );
      return { webhook, secret };
    },

    /** Turning an endpoint back on clears why it was off and its count of dead deliveries. */
    async update(caller: Caller, id: string, input: UpdateWebhookInput, now = new Date()): Promise<Webhook> {
      assertMayUse(caller);
      const webhook = await manageable(caller.viewer, id);
      const data: Prisma.WebhookUncheckedUpdateInput = {};
      if (input.url != null) data.url = await checkedUrl(input.url);
      if (input.events != null) data.events = validateWebhookEvents(input.events);
      if (input.description != null) data.description = validateWebhookDescription(input.description);
      if (input.departmentId !== undefined) data.departmentId = await checkedDepartment(input.departmentId);
      if (input.enabled === true && !webhook.enabled) Object.assign(data, { enabled: true, disabledReason: null, disabledAt: null, consecutiveDead: 0 });
      if (input.enabled === false && webhook.enabled) Object.assign(data, { enabled: false, disabledReason: 'Turned off by a person.', disabledAt: now });
      if (Object.keys(data).length === 0) return webhook;
      return prisma.webhook.update({ where: { id }, data });
    },

    /** Its deliveries go with it. */
    async delete(caller: Caller, id: string): Promise<string> {
      assertMayUse(caller);
      await manageable(caller.viewer, id);
      await prisma.webhook.delete({ where: { id } });
      return id;
    },

    /**
     * Sends a delivery again as a new delivery of the same event (same webhook-id, so a receiver that already
     * has it can tell), tried at once. Its body is the one first sent, if it was; otherwise built when sent.
     */
    async redeliver(caller: Caller, id: bigint): Promise<WebhookDelivery> {
      assertMayUse(caller);
      const original = await prisma.webhookDelivery.findUnique({ where: { id }, include: { webhook: { select: { ownerId: true } } } });
      if (!original || !mayManageWebhook(caller.viewer, original.webhook)) throw new NotFoundError('Webhook delivery');
      return prisma.webhookDelivery.create({
        data: {
          webhookId: original.webhookId,
          messageId: original.messageId,
          eventId: original.eventId,
          eventType: original.eventType,
          ticketId: original.ticketId,
          requestBody: original.requestBody,
          redeliveryOfId: original.id,
        },
      });
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
