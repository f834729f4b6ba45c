// Prints the chats the bot has seen, to find TELEGRAM_GROUP_CHAT_ID: add the bot to the group, send a message
// there, then run `npm run telegram:chat-id`. The running app records every chat it gets an update from (by
// webhook or long polling); with no app polling, this also asks Telegram for its pending updates (getUpdates).
import { Bot, GrammyError } from 'grammy';
import { loadConfig } from '../api/src/config.ts';
import { openDatabase } from '../api/src/db/client.ts';
import { decideStartup } from '../api/src/startup.ts';

const config = loadConfig();
const chats = new Map<string, { type: string; title: string; seen: string }>();

const db = await openDatabase(decideStartup(config).database);
try {
  for (const chat of await db.prisma.telegramChat.findMany({ orderBy: { lastSeenAt: 'desc' } })) {
    chats.set(chat.chatId, { type: chat.type, title: chat.title, seen: chat.lastSeenAt.toISOString() });
  }
} finally {
  await db.close();
}

if (config.telegram.botToken) {
  const bot = new Bot(config.telegram.botToken, { client: { apiRoot: config.telegram.apiRoot } });
  try {
    for (const update of await bot.api.getUpdates({ timeout: 0, limit: 100 })) {
      const chat = update.message?.chat ?? update.my_chat_member?.chat ?? update.callback_query?.message?.chat;
      if (!chat || chats.has(String(chat.id))) continue;
      const title = 'title' in chat ? chat.title : chat.first_name;
      chats.set(String(chat.id), { type: chat.type, title: title ?? '', seen: new Date(update.message?.date ?? Date.now()).toISOString() });
    }
  } catch (error) {
    // 409: a webhook is set or the app is polling; the chats it recorded are listed above.
    if (!(error instanceof GrammyError && error.error_code === 409)) throw error;
  }
} else {
  console.error('TELEGRAM_BOT_TOKEN is not set: listing only the chats recorded in the database.');
}

if (!chats.size) console.log('No chats yet: add the bot to your group and send a message there, then run this again.');
for (const [chatId, chat] of chats) console.log(`${chatId}\t${chat.type}\t${chat.title}`);
