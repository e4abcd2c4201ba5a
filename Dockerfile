# One image definition for every service; the build argument SERVICE picks which one runs:
#   docker build --build-arg SERVICE=hours -t stapsteen-hours .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.base.json tsconfig.json .swcrc nest-cli.json ./
COPY scripts ./scripts
COPY libs ./libs
COPY services ./services
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ARG SERVICE
RUN test -n "$SERVICE" || (echo "build with --build-arg SERVICE=gateway|flow-through|hours|coaching" && false)
ENV NODE_ENV=production \
    SERVICE=${SERVICE}
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/package.json ./package.json
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["sh", "-c", "exec node --enable-source-maps dist/services/${SERVICE}/src/main.js"]
