# The gateway as a container: built with the dev dependencies (TypeScript, native better-sqlite3),
# run from a slim image with production dependencies only, as the unprivileged `node` user.
#   docker build -t attribution-gateway .
#   docker run -p 4000:4000 -e MONGODB_URI=mongodb://... attribution-gateway
# Without MONGODB_URI it serves the embedded store in the /data volume (seeded on first start).

FROM node:24-bookworm-slim AS build
WORKDIR /app
# Compilers for better-sqlite3 when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Dependencies first (a cached layer while only sources change); the build needs the sources.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY schema ./schema
COPY src ./src
COPY seed ./seed
COPY web ./web
RUN npm run build && npm run build:web && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 DATA_DIR=/data LOG_FORMAT=json
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/schema ./schema
COPY --from=build /app/seed/data ./seed/data
# GraphiQL opens with the article tree query, read from here.
COPY --from=build /app/src/graphql/operations ./src/graphql/operations
# The explorer's built page, its operations (GraphiQL tabs) and their persisted-documents manifest.
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/web/src/operations ./web/src/operations
COPY --from=build /app/web/src/__generated__/persisted-documents.json ./web/src/__generated__/persisted-documents.json
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node runs as PID 1 with no shell in between: SIGTERM reaches it, and it drains (SHUTDOWN_GRACE_MS).
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=128", "dist/src/main.js"]
