# The kplane image; its default command is the syncer agent (`kplane syncer`), which the member
# cluster's Deployment runs (see docs/syncer.md). The same image serves the hub with
# `docker run ... serve`.
#
#   docker build -t <registry>/kplane:<tag> .
#   docker buildx build --platform linux/amd64,linux/arm64 -t <registry>/kplane:<tag> --push .

ARG NODE_IMAGE=node:20-slim

# Build: compile better-sqlite3 (from source when no prebuilt binary can be fetched) and the
# TypeScript, then drop the dev dependencies.
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# node-gyp uses the image's own Node headers instead of downloading them.
ENV npm_config_nodedir=/usr/local
WORKDIR /app
COPY package.json package-lock.json ./
# Dependencies first, for layer caching; `prepare` (tsc) needs the sources, so it runs below.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json ./
COPY apis ./apis
COPY server ./server
COPY storage ./storage
COPY syncer ./syncer
RUN npm run build && npm prune --omit=dev

# Run: only what `node bin/kplane` loads, owned by root and run as the unprivileged `node` user.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production
# A small young generation: the agent's live heap is a few MB even with thousands of objects, and
# V8's default semi-space growth during the first sync would otherwise keep ~80 MB more resident.
ENV NODE_OPTIONS=--max-semi-space-size=4
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
# Numeric, so the kubelet can verify runAsNonRoot (uid 1000 is `node` in node:20-slim).
USER 1000:1000
ENTRYPOINT ["node", "bin/kplane"]
CMD ["syncer"]
