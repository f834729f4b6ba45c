# The API and the built web app in one image. Migrations run before the server starts (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    DATA_DIR=/data
# A font for the text of the daily report's chart (resvg draws no text without one; the slim image has none).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY . .
# npm ci runs postinstall: prisma generate (offline-safe), the web build (it needs the dev tools) and the API build.
RUN npm ci --include=dev --no-audit --no-fund && mkdir -p /data
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["sh", "-c", "npm run db:migrate && exec node dist/api/main.js"]
