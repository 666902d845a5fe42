# Self-hosting image: `next build` with output: 'standalone' (NEXT_OUTPUT), then a small runtime holding only
# server.js and the files it needs. The app alone, for live mode: the Runway emulator (emulator/) is left out
# of the build context (.dockerignore), so neither its code nor its dependencies reach the image. Without
# RUNWAYML_API_SECRET the server shows its setup page.
# Build: docker build -t runway-characters-starter .
# Run:   docker run -p 3000:3000 -e ADMIN_PASSWORD=… -e AUTH_SECRET=… -e RUNWAYML_API_SECRET=… runway-characters-starter
#        (AUTH_SECRET: 32+ random characters, e.g. openssl rand -base64 32; the server will not start without it)
# Put it behind a reverse proxy that terminates HTTPS (camera and microphone need it). See docs/deploy.md.

FROM node:22-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# The emulator workspace is not in the context, so npm installs the app's dependencies only.
RUN npm ci --no-audit --no-fund
COPY . .
# The build checks the environment, and production requires ADMIN_PASSWORD. This placeholder only passes
# that check: nothing reads the password at build time, and the real one is given at `docker run`.
RUN NEXT_OUTPUT=standalone ADMIN_PASSWORD=build-time-placeholder npm run build

FROM node:22-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# The standalone server does not serve .next/static or public/ unless they sit next to it.
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/public ./public
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
