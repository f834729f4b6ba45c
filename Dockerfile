# The API and the built web app in one image, for PostgreSQL deployments (docker-compose.yml). Four stages:
#   deps     every dependency, from package*.json alone: a layer that stays cached until the lock file changes
#   build    the Prisma client, the web app and the API bundle (dist/api), built with the dev tools
#   runtime-deps  production dependencies only
#   runtime  what runs: no dev tools, no embedded-database templates (PGlite still works without them, slower to
#            start the first time), as the unprivileged `node` user
# Node's current LTS; package.json "engines" allows 20.19 and later (the CI machines run 20).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: postinstall builds from the sources, which are not here yet (the build stage runs its steps).
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM deps AS build
COPY . .
# postinstall's steps without build-pglite-template.ts: the embedded-database templates stay out of this image.
RUN npm run generate && npm run build:web && node scripts/build-api.mjs

FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# A font for the text of the daily report's chart (resvg draws no text without one; the slim image has none).
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    DATA_DIR=/data
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json ./
# The bundled server and the web app it serves; the bundle finds prisma/migrations and web/dist beside it.
COPY --from=build /app/dist/api ./dist/api
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/prisma ./prisma
# db:migrate and create-admin run from the TypeScript sources through tsx, with the generated Prisma client.
COPY --from=build /app/api/src ./api/src
COPY --from=build /app/scripts ./scripts
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 4000
# --start-period: migrations run first, then the server waits up to DATABASE_WAIT_SECONDS (30) for its database.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1's process (sh execs it), so SIGTERM from `docker stop` reaches its graceful shutdown; npm
# is not in the way.
CMD ["sh", "-c", "node --import tsx scripts/db-migrate.ts deploy && exec node dist/api/main.js"]
