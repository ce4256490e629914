#!/bin/sh
# Installs the service's runtime (Node.js from Debian) with the guest's own apt configuration.
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -q -o Acquire::Languages=none
apt-get install -y -q --no-install-recommends nodejs
apt-get clean
rm -rf /var/lib/apt/lists/*
node --version
