# Multi-stage: dependencies, then the build, then the slim image run by the non-root `node`
# user. CI builds this file and starts the image on every run (.ci/image).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
# CI hands the machine's npm registry through; unset, npm uses its own default.
ARG NPM_REGISTRY
COPY package.json package-lock.json ./
# No dependency needs an install script (see `allowScripts` in package.json). The npm cache
# lives in a build cache, not in a layer, and survives a lockfile change. A machine whose
# network re-signs TLS passes its CA bundle as the optional build secret `npm_ca`.
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    --mount=type=secret,id=npm_ca \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi; \
    npm ci --no-audit --no-fund --ignore-scripts ${NPM_REGISTRY:+--registry "$NPM_REGISTRY"}

FROM deps AS build
# Everything a clean checkout has, less .dockerignore: new folders need no edit here.
COPY . .
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && mkdir /out && mv package.json node_modules dist /out/

FROM node:20-bookworm-slim
# Settings first and the app last, so a new build changes one layer only.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
USER node
CMD ["node", "dist/src/main.js"]
# Owned by root (COPY ignores USER): the `node` user runs the code and cannot change it.
COPY --from=build /out ./
