#!/bin/sh
# Installs the uploaded service (in /tmp/service) under /opt/service, enables its systemd unit, and
# checks that it answers before the image is captured.
set -eu
id service >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin service
rm -rf /opt/service
mkdir -p /opt/service /etc/imgbuild-service
cp /tmp/service/server.js /tmp/service/package.json /opt/service/
install -m 644 /tmp/service/imgbuild-service.service /etc/systemd/system/imgbuild-service.service
printf '{"name":"%s","version":"%s"}\n' "$SERVICE_NAME" "$SERVICE_VERSION" > /etc/imgbuild-service/build.json
rm -rf /tmp/service
systemctl daemon-reload
systemctl enable --now imgbuild-service.service
# The unit must answer now, or the image is not worth keeping.
node -e '
  const deadline = Date.now() + 30000;
  const probe = () => fetch("http://127.0.0.1:8080/health").then((r) => r.text()).then((t) => {
    console.log("health:", t); process.exit(0);
  }, () => Date.now() < deadline ? setTimeout(probe, 500) : (console.error("no answer on :8080"), process.exit(1)));
  probe();'
