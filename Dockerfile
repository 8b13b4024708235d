# Læringsloop in a container: docs/deploy.md says how to run it (settings, PostgreSQL, two or
# more instances, health checks, backups, upgrades).
#
#   docker build -t laeringsloop:0.1.0 .
#
# Besides the base image, the build reaches only the npm registry and Debian's package mirror
# (no GitHub, no Prisma CDN).
# Pin the base image by digest in your own registry if you rebuild it over time.
# Node 24, an LTS line (end of life 2028-04-30), the version .ci/run tests on; `engines` allows 22 too.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: install the packages and generate both Prisma clients ------------------------------
FROM ${NODE_IMAGE} AS build
# better-sqlite3 is a native addon. Its install script would fetch a prebuilt binary from GitHub;
# build_from_source compiles it here instead (python3, make, g++), against the Node headers this
# image already has (nodedir), so node-gyp downloads nothing either.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_build_from_source=true \
    npm_config_nodedir=/usr/local
# Prisma 6.19's CLI and @prisma/engines' install script download native engines unless these name
# an existing file. Neither engine is used: the clients run through driver adapters and the bot
# applies migrations itself (docs/decisions/0001, 0008); scripts/db/generate-postgresql.mjs does
# the same for the PostgreSQL client.
ENV PRISMA_QUERY_ENGINE_LIBRARY=/usr/local/bin/node \
    PRISMA_SCHEMA_ENGINE_BINARY=/usr/local/bin/node
WORKDIR /app
# What `npm ci` needs, postinstall included (prisma generate for SQLite, then for PostgreSQL),
# copied before the rest so the layer is rebuilt only when packages or the schema change.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/db/generate-postgresql.mjs ./scripts/db/generate-postgresql.mjs
# (postinstall also runs scripts/build.mjs, which has no sources to build in this layer and says so.)
COPY scripts/build.mjs ./scripts/build.mjs
# All packages, devDependencies included: botbuilder-dialogs' install script runs `npx rimraf`,
# and rimraf is a devDependency (STACK.md); with --omit=dev npx would try to download it. The
# devDependencies (vitest, eslint, playwright-core, …) are pruned afterwards. What the bot needs
# at run time is in dependencies: esbuild (scripts/build.mjs bundles src/ into dist/), tsx (the
# admin scripts), prisma, @prisma/client, the two driver adapters, pg and better-sqlite3.
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ---- run ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE}
# tini as PID 1: it passes signals on, reaps zombies and returns node's exit code. (src/index.ts
# installs its SIGTERM handler first thing, so node alone as PID 1 would stop too; tini keeps it
# so whatever the entry point does.)
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
# .dockerignore keeps node_modules, src/generated, tests, docs, .git and local data out of this.
COPY . .
COPY --from=build /app/src/generated ./src/generated
# The bot as compiled JavaScript (dist/, decision 0030), built here as root so the running
# bot finds it current and never has to write it (dist/ is read-only for the node user).
RUN node scripts/build.mjs --force
# The code stays root-owned and read-only for the bot; only data/ (the SQLite file when
# DATABASE_URL=file:…, and `npm run gdpr:export`'s files) is writable by the node user.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# SQLite only (one instance): keep the database file outside the container. Unused on PostgreSQL.
VOLUME ["/app/data"]
EXPOSE 3978
# GET /healthz: 200 {"status":"ok"} when the database answers, 503 when it does not
# (src/teams/server.ts). Node has fetch built in, so no curl is needed in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# What `npm start` runs (scripts/start.mjs: checks dist/ is current, then runs the built bot in the
# same process), as one node process under tini: SIGTERM reaches the bot itself, which stops
# cleanly (src/index.ts), with no npm parent process in between.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "scripts/start.mjs"]
