# One image definition for every service; the build argument SERVICE picks which one the image runs:
#   docker build --build-arg SERVICE=hours -t stapsteen-hours .
# (gateway | flow-through | hours | coaching). docker-compose.yml builds all four this way.

# ---- build: install everything, compile all services with swc, then drop the dev dependencies ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Lockfile first, so the dependency layer is reused while only the sources change. No install
# scripts: none is needed (swc's binary comes as an optional dependency) and one only phones home.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json .swcrc nest-cli.json ./
COPY scripts ./scripts
COPY libs ./libs
COPY services ./services
# dist/services/<service>/src/main.js, with the @stapsteen/* aliases already rewritten to relative paths.
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# ---- runtime: production dependencies and compiled code only, as the unprivileged node user ----
FROM node:20-bookworm-slim AS runtime
ARG SERVICE
RUN case "$SERVICE" in \
      gateway|flow-through|hours|coaching) ;; \
      *) echo "build with --build-arg SERVICE=gateway|flow-through|hours|coaching (got '$SERVICE')" >&2; exit 1 ;; \
    esac
# ENV carries the build argument into the running container, where CMD and HEALTHCHECK read it.
# A heap limit (ADR 21's memory figures): without one V8 lets a service's heap grow to 400 MB of
# mostly uncollected garbage on a large node; 192 MB keeps the Flanders-scale close near 250 MB RSS.
# HOST: outside a container hours, coaching and flow-through listen on 127.0.0.1 by default; in one,
# the gateway reaches them over the container network, so the image listens on every interface of
# the container (which publishes nothing but the gateway's port, see docker-compose.yml).
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=192 \
    HOST=0.0.0.0 \
    SERVICE=${SERVICE}
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# The demo seed (plain CommonJS, jose its one dependency), for the Helm chart's seed Job (seed.demo).
COPY --chown=node:node deploy/seed ./deploy/seed
USER node
# Liveness only (no database or Kafka check): a restart cannot fix a broker that is down.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live', { signal: AbortSignal.timeout(2500) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec: node replaces the shell as PID 1, so `docker stop`'s SIGTERM reaches Nest's shutdown hooks.
CMD ["sh", "-c", "exec node --enable-source-maps dist/services/${SERVICE}/src/main.js"]
