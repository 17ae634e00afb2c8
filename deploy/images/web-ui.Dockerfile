# The web UI image: build the SPA with Node, serve it with nginx-unprivileged (port 8080, uid 101, no root).
# Build from the repository root:  docker build -f deploy/images/web-ui.Dockerfile -t ghcr.io/rosterline/web-ui:0.1.0 .
# The nginx site (SPA fallback, caching, /healthz) comes from the web-ui-nginx ConfigMap in Kubernetes; the same file
# is baked in so the image also runs on its own.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY web-ui/package.json web-ui/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web-ui/ ./
RUN npm run build

FROM nginxinc/nginx-unprivileged:1.27-alpine
COPY deploy/base/web-ui/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /src/dist /usr/share/nginx/html
USER 101
EXPOSE 8080
