// What the bot does with the updates it receives (by webhook or long polling):
// - records every chat it sees (for `npm run telegram:chat-id`);
// - `/start <code>` in a private chat links the sender's account;
// - an Approve tap approves through the same ticket service (and workflow) as the API, then edits the
//   message to say who decided; a Reject tap asks for the reason with a force-reply message, and the reply
//   rejects with it. A tap from an unlinked or unauthorized user changes nothing and is told so; a tap on a
//   ticket that moved on since the message was sent says so.
import { type Bot, GrammyError } from 'grammy';
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import { ConflictError, DomainError, ForbiddenError, InvalidTransitionError, NotFoundError } from '../domain/errors.ts';
import { mention } from '../domain/telegram-html.ts';
import { parseApprovalCallback, renderDecision } from '../domain/telegram-notice.ts';
import { type Viewer, viewerOf } from '../domain/viewer.ts';
import { decide } from '../domain/workflow.ts';
import type { Logger } from '../logger.ts';
import type { TelegramLinkService } from '../services/telegram-links.ts';
import { factsOf, TICKET_WITH_COLLABORATORS } from '../services/ticket-rows.ts';
import type { TicketService } from '../services/tickets.ts';

export type UpdateDeps = {
  prisma: PrismaClient;
  tickets: TicketService;
  links: TelegramLinkService;
  frontendUrl: string | undefined;
  logger: Logger;
  /** How long a Reject waits for its reason. */
  replyPromptTtlMs?: number;
};

export const NOT_ALLOWED = 'Not allowed.';
export const NOT_LINKED = 'Not allowed: link your Telegram account first (Profile → Telegram).';

export function registerUpdateHandlers(bot: Bot, deps: UpdateDeps): void {
  const { prisma, tickets, links, frontendUrl, logger } = deps;
  const replyPromptTtlMs = deps.replyPromptTtlMs ?? 60 * 60_000;

  bot.use(async (ctx, next) => {
    const chat = ctx.chat;
    if (chat) {
      const title = 'title' in chat ? chat.title : [chat.first_name, chat.last_name].filter(Boolean).join(' ') || (chat.username ?? '');
      const seen = { type: chat.type, title: title ?? '', lastSeenAt: new Date() };
      await prisma.telegramChat.upsert({ where: { chatId: String(chat.id) }, create: { chatId: String(chat.id), ...seen }, update: seen });
    }
    await next();
  });

  bot.command('start', async (ctx) => {
    if (ctx.chat.type !== 'private' || !ctx.from) return;
    const code = ctx.match.trim();
    if (!code) {
      await ctx.reply('Hello! To get notices here, open your profile in the ticketing app and choose "Link Telegram".');
      return;
    }
    const linked = await links.redeem(code, { id: ctx.from.id, username: ctx.from.username });
    await ctx.reply(
      linked
        ? `Linked: you are ${linked.displayName} in the ticketing app. Turn on Telegram messages in your notification settings to get direct messages.`
        : 'This link code has expired or was already used. Create a new one from your profile.',
    );
  });

  /** The linked, active, approved user behind a Telegram account, as a viewer. */
  async function viewerFor(
    telegramUserId: number,
  ): Promise<(Viewer & { displayName: string; telegramChatId: string | null; telegramUsername: string | null }) | null> {
    const user = await prisma.user.findUnique({
      where: { telegramChatId: String(telegramUserId) },
      select: {
        id: true,
        username: true,
        role: true,
        departmentId: true,
        displayName: true,
        isActive: true,
        approvedAt: true,
        telegramChatId: true,
        telegramUsername: true,
        department: { select: { isCreative: true } },
      },
    });
    if (!user?.isActive || !user.approvedAt) return null;
    return { ...viewerOf(user), displayName: user.displayName, telegramChatId: user.telegramChatId, telegramUsername: user.telegramUsername };
  }

  async function explain(error: unknown, ticketId: string): Promise<string> {
    if (error instanceof ForbiddenError) return NOT_ALLOWED;
    if (error instanceof NotFoundError) return 'This ticket is gone.';
    if (error instanceof ConflictError || error instanceof InvalidTransitionError) {
      const now = await prisma.ticket.findUnique({ where: { id: ticketId }, select: { status: true } });
      return `This ticket moved on meanwhile${now ? ` (it is ${now.status.replace(/_/g, ' ').toLowerCase()} now)` : ''}; nothing was changed.`;
    }
    if (error instanceof DomainError) return error.message;
    throw error;
  }

  /** The approval request message, rewritten to say who decided (and without its buttons). */
  async function showDecision(
    chatId: number | string,
    messageId: number,
    ticket: { number: number; title: string },
    decision: 'APPROVED' | 'REJECTED',
    by: string,
    reason?: string,
  ) {
    try {
      await bot.api.editMessageText(
        chatId,
        messageId,
        renderDecision({ ticketNumber: ticket.number, ticketTitle: ticket.title, decision, decidedBy: by, reason, frontendUrl }),
        {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
        },
      );
    } catch (error) {
      // The decision stands even if the message cannot be edited (deleted, too old).
      logger.warn(`could not edit the approval message ${chatId}/${messageId}: ${error instanceof GrammyError ? error.description : String(error)}`);
    }
  }

  bot.on('callback_query:data', async (ctx) => {
    const tap = parseApprovalCallback(ctx.callbackQuery.data);
    if (!tap) return ctx.answerCallbackQuery();
    const viewer = await viewerFor(ctx.from.id);
    if (!viewer) return ctx.answerCallbackQuery({ text: NOT_LINKED, show_alert: true });
    const message = ctx.callbackQuery.message;

    if (tap.action === 'approve') {
      try {
        const ticket = await tickets.approve(viewer, { id: tap.ticketId, expectedVersion: tap.version });
        await ctx.answerCallbackQuery({ text: `Approved #${ticket.number}.` });
        if (message) await showDecision(message.chat.id, message.message_id, ticket, 'APPROVED', viewer.displayName);
      } catch (error) {
        await ctx.answerCallbackQuery({ text: await explain(error, tap.ticketId), show_alert: true });
      }
      return;
    }

    // Reject: the same decision the pipeline will make, asked now so nobody is asked for a reason in vain.
    const ticket = await prisma.ticket.findUnique({ where: { id: tap.ticketId }, include: TICKET_WITH_COLLABORATORS });
    if (!ticket) return ctx.answerCallbackQuery({ text: 'This ticket is gone.', show_alert: true });
    const decision = decide(factsOf(ticket), 'REJECT', viewer);
    if (!decision.ok && decision.code === 'FORBIDDEN') return ctx.answerCallbackQuery({ text: NOT_ALLOWED, show_alert: true });
    if (!decision.ok || ticket.version !== tap.version) {
      return ctx.answerCallbackQuery({ text: await explain(new ConflictError(), ticket.id), show_alert: true });
    }
    if (!message) return ctx.answerCallbackQuery({ text: 'Reject it in the app: this message can no longer be answered.', show_alert: true });
    const prompt = await bot.api.sendMessage(message.chat.id, `${mention(viewer)}, why reject #${ticket.number}? Reply to this message with the reason.`, {
      parse_mode: 'HTML',
      reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
      reply_markup: { force_reply: true, selective: true, input_field_placeholder: `Reason for rejecting #${ticket.number}` },
    });
    await prisma.telegramReplyPrompt.create({
      data: {
        chatId: String(message.chat.id),
        promptMessageId: prompt.message_id,
        userId: viewer.id,
        ticketId: ticket.id,
        ticketVersion: tap.version,
        requestMessageId: message.message_id,
        expiresAt: new Date(Date.now() + replyPromptTtlMs),
      },
    });
    await ctx.answerCallbackQuery({ text: 'Reply to my question with the reason.' });
  });

  bot.on('message:text', async (ctx, next) => {
    const repliedTo = ctx.message.reply_to_message;
    if (!repliedTo) return next();
    const key = { chatId_promptMessageId: { chatId: String(ctx.chat.id), promptMessageId: repliedTo.message_id } };
    const prompt = await prisma.telegramReplyPrompt.findUnique({ where: key });
    if (!prompt) return next();
    const viewer = await viewerFor(ctx.from.id);
    // Only the person who tapped Reject answers for it; anyone else's reply is just a message.
    if (!viewer || viewer.id !== prompt.userId) return next();
    await prisma.telegramReplyPrompt.delete({ where: key });
    if (prompt.expiresAt.getTime() < Date.now()) {
      await ctx.reply('That question expired; tap Reject again.', { reply_parameters: { message_id: ctx.message.message_id } });
      return;
    }
    const reason = ctx.message.text;
    try {
      const ticket = await tickets.reject(viewer, { id: prompt.ticketId, expectedVersion: prompt.ticketVersion, reason });
      if (prompt.requestMessageId !== null)
        await showDecision(ctx.chat.id, prompt.requestMessageId, ticket, 'REJECTED', viewer.displayName, ticket.rejectionReason ?? reason);
      await ctx.reply(`Rejected #${ticket.number}.`, { reply_parameters: { message_id: ctx.message.message_id } });
    } catch (error) {
      await ctx.reply(await explain(error, prompt.ticketId), { reply_parameters: { message_id: ctx.message.message_id } });
    }
  });

  bot.catch((error) => logger.error('telegram update failed', error.error));
}
