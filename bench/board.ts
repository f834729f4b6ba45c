// Board benchmark: the board page (50 newest visible tickets with requester, assignee, department, comment
// count, and the total) served by this API in production mode against a bare node-postgres endpoint answering
// the same query with hand-written SQL and identical JSON (bench/board-bare-server.ts). The method is
// bench/harness.ts's: both run as child processes on the same database, autocannon loads them in turns for an
// admin and a member (whose read rule applies), each turn after the database and both servers went quiet,
// for several rounds. Prints req/s, p50, p99, Node CPU per request, the ratio ours/bare and the SQL statements
// per request (ours counted in-process through openDatabase's onQuery). Numbers only, no assertions, except
// that both endpoints must first return equal JSON and every timed response must equal it.
//
//   npm run bench:board                                   # DATABASE_URL's server, else postgres@127.0.0.1:5432
//   npm run bench:board -- --seconds 5 --rounds 3
//   npm run bench:board -- --tickets 1000000              # seeds perf_board_1000000 once (minutes)
//   npm run bench:board -- --fresh                        # rebuild the perf_board_<N> database
//   npm run bench:board -- --cpu-prof /tmp/prof           # V8 CPU profile of the API child (on exit)
import { parseArgs } from 'node:util';
import { LOCAL_POSTGRES_URL } from '../api/src/db/scratch-database.ts';
import { BENCH_PASSWORD, boardDatabase, describeData } from './board-data.ts';
import { compare, login, positiveInt, post, printComparison, printHeader, runBenchmark, startApi, startBare, statementsPerRequest } from './harness.ts';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    first: { type: 'string', default: '50' },
    fresh: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const TICKETS = positiveInt(args.tickets, '--tickets');
const CONNECTIONS = positiveInt(args.connections, '--connections');
const SECONDS = positiveInt(args.seconds, '--seconds');
const ROUNDS = positiveInt(args.rounds, '--rounds');
const FIRST = positiveInt(args.first, '--first');

const VIEWERS = [
  { label: 'admin', username: 'admin' },
  { label: 'member', username: 'marketing.member01' },
] as const;

const BOARD_QUERY = `query Board($first: Int!) {
  tickets(first: $first) {
    totalCount
    nodes {
      id number title status priority dueDate createdAt commentCount
      requester { id displayName }
      assignee { id displayName }
      department { id name }
    }
  }
}`;

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL || LOCAL_POSTGRES_URL;
  printHeader('board benchmark');
  const data = await boardDatabase(serverUrl, TICKETS, { fresh: args.fresh, log: (line) => console.log(`  ${line}`) });
  console.log(`  data:       ${describeData(data)}`);

  const [api, bare] = await Promise.all([startApi(data.url, args['cpu-prof']), startBare(data.url, 'bench/board-bare-server.ts', 'bare board endpoint')]);

  const request = JSON.stringify({ query: BOARD_QUERY, variables: { first: FIRST } });
  const viewers = [];
  for (const viewer of VIEWERS) viewers.push({ label: viewer.label, token: await login(api.url, viewer.username, BENCH_PASSWORD), body: request });
  const bareStatements = new Map<string, string>();
  for (const viewer of viewers) bareStatements.set(viewer.label, (await post(bare.url, request, viewer.token)).statements ?? '?');
  // Ours at several page sizes: the count must not grow with the page.
  const sizes = [1, FIRST, 100];
  const ourStatements = new Map<string, number[]>();
  for (const viewer of viewers) {
    const bodies = sizes.map((first) => JSON.stringify({ query: BOARD_QUERY, variables: { first } }));
    ourStatements.set(viewer.label, await statementsPerRequest(data.url, viewer.token, bodies));
  }

  const comparison = await compare({
    databaseUrl: data.url,
    viewers,
    contenders: [
      { name: 'ours', child: api },
      { name: 'bare', child: bare },
    ],
    rounds: ROUNDS,
    seconds: SECONDS,
    connections: CONNECTIONS,
    describe: (_viewer, json) => {
      const tickets = (json.data as { tickets: { totalCount: number; nodes: unknown[] } }).tickets;
      return `${tickets.nodes.length} tickets of ${tickets.totalCount} visible; `;
    },
  });
  printComparison(
    `Board query (first: ${FIRST}), ${data.tickets} tickets / ${data.comments + data.replies} comments, NODE_ENV=production, ${CONNECTIONS} connections, ${SECONDS} s × ${ROUNDS} rounds`,
    comparison,
    {
      headers: [`ours SQL/req (first ${sizes.join(', ')})`, 'bare SQL/req'],
      cells: (viewer) => [(ourStatements.get(viewer.label) ?? []).join(' / '), bareStatements.get(viewer.label) ?? '?'],
    },
  );
}

await runBenchmark(main);
