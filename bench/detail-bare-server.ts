// The detail benchmark's yardstick: the ticket page's data (bench/detail.ts's TicketDetail: the ticket's fields,
// its people, collaborators and product items, the first comments with their replies, the attachments, the
// newest history entries, what the viewer may do) answered by hand-written SQL through node-postgres with
// identical JSON. Two statements, as few as an endpoint can do it in: the session check (bench/bare-endpoint.ts)
// and the whole tree under the read rule, built as JSON by PostgreSQL. availableActions, viewerCanEdit,
// isOverdue and viewerCanDelete are decided in Node by the same domain functions the API calls, from the same
// facts (services/ticket-rows.ts factsOf). Runs as a child process of bench/detail.ts; prints its URL.
//
//   DATABASE_URL=… JWT_SECRET=… node --import tsx bench/detail-bare-server.ts
import { canRemoveAttachment } from '../api/src/domain/attachments.ts';
import { isOverdue, type TicketFacts, type TicketStatus } from '../api/src/domain/ticket-access.ts';
import type { Viewer } from '../api/src/domain/viewer.ts';
import { availableActions, decide, viewerCanEdit } from '../api/src/domain/workflow.ts';
import { type Answer, globalId, pool, serve, sessionViewer, visible } from './bare-endpoint.ts';

const person = (alias: string) => `json_build_object('id', ${alias}.id, 'username', ${alias}.username, 'displayName', ${alias}."displayName")`;
const shortPerson = (alias: string) => `json_build_object('id', ${alias}.id, 'displayName', ${alias}."displayName")`;

/** $1 the ticket's id, $2 how many comments, $3 how many history entries, $4 the viewer's id where the rule needs it. */
const detailSql = (role: string) => `
SELECT t.id, t.number, t.title, t.description, t.status, t.priority, t."requestType", t."fileFormat", t.criteria, t.quantity,
       t.complexity, t."estimatedHours", t."actualHours", t."scheduledStart", t."scheduledEnd", t."dueDate", t."revisionCount",
       t."rejectionReason", t.version, t."createdAt", t."updatedAt", t."assignedAt", t."startedAt", t."completedAt", t."closedAt",
       t."deletedAt", t."requesterId", t."departmentId", t."assigneeId", t."reachedCreativeAt",
       ${person('r')} AS requester, json_build_object('id', d.id, 'name', d.name) AS department,
       CASE WHEN a.id IS NOT NULL THEN ${person('a')} END AS assignee,
       (SELECT coalesce(json_agg(${person('u')} ORDER BY tc."createdAt"), '[]')
        FROM "TicketCollaborator" tc JOIN "User" u ON u.id = tc."userId" WHERE tc."ticketId" = t.id) AS collaborators,
       (SELECT coalesce(json_agg(json_build_object('quantity', pi.quantity, 'criteria', pi.criteria, 'product', json_build_object('id', p.id, 'name', p.name)) ORDER BY pi.id), '[]')
        FROM "TicketProductItem" pi JOIN "Product" p ON p.id = pi."productId" WHERE pi."ticketId" = t.id) AS "productItems",
       (SELECT count(*) FROM "Comment" c WHERE c."ticketId" = t.id AND c."parentId" IS NULL)::int AS "commentCount",
       (SELECT coalesce(json_agg(json_build_object('id', c.id, 'body', c.body, 'createdAt', c."createdAt", 'author', ${person('cu')},
                 'replies', (SELECT coalesce(json_agg(json_build_object('id', rc.id, 'body', rc.body, 'createdAt', rc."createdAt", 'author', ${person('ru')})
                                                      ORDER BY rc."createdAt", rc.id), '[]')
                             FROM "Comment" rc JOIN "User" ru ON ru.id = rc."authorId" WHERE rc."parentId" = c.id))
                 ORDER BY c."createdAt", c.id), '[]')
        FROM (SELECT * FROM "Comment" c WHERE c."ticketId" = t.id AND c."parentId" IS NULL ORDER BY c."createdAt", c.id LIMIT $2) AS c
        JOIN "User" cu ON cu.id = c."authorId") AS comments,
       (SELECT coalesce(json_agg(json_build_object('id', f.id, 'fileName', f."fileName", 'mimeType', f."mimeType", 'size', f.size, 'version', f.version,
                 'width', f.width, 'height', f.height, 'createdAt', f."createdAt", 'uploaderId', f."uploaderId", 'uploader', ${shortPerson('fu')})
                 ORDER BY f."createdAt", f.id), '[]')
        FROM "Attachment" f JOIN "User" fu ON fu.id = f."uploaderId" WHERE f."ticketId" = t.id AND f."deletedAt" IS NULL) AS attachments,
       (SELECT count(*) FROM "TicketHistory" h WHERE h."ticketId" = t.id)::int AS "historyCount",
       (SELECT coalesce(json_agg(json_build_object('id', h.id, 'action', h.action, 'createdAt', h."createdAt", 'fromStatus', h."fromStatus",
                 'toStatus', h."toStatus", 'reason', h.reason, 'version', h.version,
                 'actor', CASE WHEN hu.id IS NOT NULL THEN ${shortPerson('hu')} END, 'changes', h.changes)
                 ORDER BY h."createdAt" DESC, h.id DESC), '[]')
        FROM (SELECT * FROM "TicketHistory" h WHERE h."ticketId" = t.id ORDER BY h."createdAt" DESC, h.id DESC LIMIT $3) AS h
        LEFT JOIN "User" hu ON hu.id = h."actorId") AS history
FROM "Ticket" t
JOIN "User" r ON r.id = t."requesterId"
JOIN "Department" d ON d.id = t."departmentId"
LEFT JOIN "User" a ON a.id = t."assigneeId"
WHERE t.id = $1 AND ${visible(role, '$4')}`;

type Person = { id: string; username: string; displayName: string };
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type DetailRow = {
  id: string;
  number: number;
  title: string;
  description: string;
  status: TicketStatus;
  priority: string;
  requestType: string;
  fileFormat: string | null;
  criteria: string | null;
  quantity: number;
  complexity: string | null;
  estimatedHours: number | null;
  actualHours: number | null;
  scheduledStart: Date | null;
  scheduledEnd: Date | null;
  dueDate: Date | null;
  revisionCount: number;
  rejectionReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  assignedAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  closedAt: Date | null;
  deletedAt: Date | null;
  requesterId: string;
  departmentId: string;
  assigneeId: string | null;
  reachedCreativeAt: Date | null;
  requester: Person;
  department: { id: string; name: string };
  assignee: Person | null;
  collaborators: Person[];
  productItems: { quantity: number; criteria: string | null; product: { id: string; name: string } }[];
  commentCount: number;
  comments: { id: string; body: string; createdAt: string; author: Person; replies: { id: string; body: string; createdAt: string; author: Person }[] }[];
  attachments: {
    id: string;
    fileName: string;
    mimeType: string;
    size: number;
    version: number;
    width: number | null;
    height: number | null;
    createdAt: string;
    uploaderId: string;
    uploader: { id: string; displayName: string };
  }[];
  historyCount: number;
  history: {
    id: string;
    action: string;
    createdAt: string;
    fromStatus: string | null;
    toStatus: string | null;
    reason: string | null;
    version: number;
    actor: { id: string; displayName: string } | null;
    changes: { field: string; from: Json; to: Json }[];
  }[];
};

/** A timestamp inside PostgreSQL's JSON (UTC, without a zone) as the API's DateTime scalar writes it. */
const jsonTime = (value: string) => new Date(`${value}Z`).toISOString();
const time = (value: Date | null) => value?.toISOString() ?? null;
const user = (row: Person) => ({ id: globalId('User', row.id), username: row.username, displayName: row.displayName });
const shortUser = (row: { id: string; displayName: string }) => ({ id: globalId('User', row.id), displayName: row.displayName });

/** A history change's value as the API's FieldChange renders it (api/src/graphql/types/ticket-history.ts). */
function render(value: Json): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((item) => render(item) ?? '').join(', ');
  return String(value);
}

function ticketOf(row: DetailRow, viewer: Viewer) {
  const facts: TicketFacts = {
    status: row.status,
    requesterId: row.requesterId,
    departmentId: row.departmentId,
    assigneeId: row.assigneeId,
    collaboratorIds: row.collaborators.map((collaborator) => collaborator.id),
    reachedCreative: row.reachedCreativeAt !== null,
    deleted: row.deletedAt !== null,
  };
  const mayRemoveAttachments = decide(facts, 'REMOVE_ATTACHMENT', viewer).ok;
  return {
    id: globalId('Ticket', row.id),
    number: row.number,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    requestType: row.requestType,
    fileFormat: row.fileFormat,
    criteria: row.criteria,
    quantity: row.quantity,
    complexity: row.complexity,
    estimatedHours: row.estimatedHours,
    actualHours: row.actualHours,
    scheduledStart: time(row.scheduledStart),
    scheduledEnd: time(row.scheduledEnd),
    dueDate: time(row.dueDate),
    isOverdue: isOverdue(row, new Date()),
    revisionCount: row.revisionCount,
    rejectionReason: row.rejectionReason,
    version: row.version,
    viewerCanEdit: viewerCanEdit(facts, viewer),
    availableActions: availableActions(facts, viewer),
    createdAt: time(row.createdAt),
    updatedAt: time(row.updatedAt),
    assignedAt: time(row.assignedAt),
    startedAt: time(row.startedAt),
    completedAt: time(row.completedAt),
    closedAt: time(row.closedAt),
    deletedAt: time(row.deletedAt),
    requester: user(row.requester),
    department: { id: globalId('Department', row.department.id), name: row.department.name },
    assignee: row.assignee && user(row.assignee),
    collaborators: row.collaborators.map(user),
    productItems: row.productItems.map((item) => ({
      quantity: item.quantity,
      criteria: item.criteria,
      product: { id: globalId('Product', item.product.id), name: item.product.name },
    })),
    comments: {
      totalCount: row.commentCount,
      nodes: row.comments.map((comment) => ({
        id: globalId('Comment', comment.id),
        body: comment.body,
        createdAt: jsonTime(comment.createdAt),
        author: user(comment.author),
        replies: comment.replies.map((reply) => ({
          id: globalId('Comment', reply.id),
          body: reply.body,
          createdAt: jsonTime(reply.createdAt),
          author: user(reply.author),
        })),
      })),
    },
    attachments: row.attachments.map((attachment) => ({
      id: globalId('Attachment', attachment.id),
      fileName: attachment.fileName,
      mimeType: attachment.mimeType,
      size: attachment.size,
      version: attachment.version,
      width: attachment.width,
      height: attachment.height,
      createdAt: jsonTime(attachment.createdAt),
      viewerCanDelete: mayRemoveAttachments && canRemoveAttachment(viewer, facts, attachment.uploaderId),
      uploader: shortUser(attachment.uploader),
    })),
    history: {
      totalCount: row.historyCount,
      nodes: row.history.map((entry) => ({
        id: globalId('TicketHistoryEntry', entry.id),
        action: entry.action,
        createdAt: jsonTime(entry.createdAt),
        fromStatus: entry.fromStatus,
        toStatus: entry.toStatus,
        reason: entry.reason,
        version: entry.version,
        actor: entry.actor && shortUser(entry.actor),
        changes: (Array.isArray(entry.changes) ? entry.changes : []).map((change) => ({
          field: change.field,
          from: render(change.from),
          to: render(change.to),
        })),
      })),
    },
  };
}

/** The ticket's uuid from its global id, or null when the id is not a Ticket's. */
function ticketUuid(id: unknown): string | null {
  if (typeof id !== 'string') return null;
  const [type, uuid] = Buffer.from(id, 'base64').toString('utf8').split(':');
  return type === 'Ticket' && uuid && /^[0-9a-f-]{36}$/i.test(uuid) ? uuid : null;
}

async function detail(authorization: string | undefined, variables: Record<string, unknown>): Promise<Answer> {
  const viewer = await sessionViewer(authorization);
  if ('body' in viewer) return viewer;
  const id = ticketUuid(variables.id);
  if (!id) return { body: { data: { ticket: null } }, statements: 1 };
  const comments = typeof variables.comments === 'number' ? variables.comments : 40;
  const history = typeof variables.history === 'number' ? variables.history : 100;
  const params = viewer.role === 'ADMIN' ? [id, comments, history] : [id, comments, history, viewer.id];
  const { rows } = await pool.query<DetailRow>(detailSql(viewer.role), params);
  const row = rows[0];
  return { body: { data: { ticket: row ? ticketOf(row, viewer) : null } }, statements: 2 };
}

serve('bare detail endpoint', detail);
