#!/usr/bin/env bash
# Installs what the test suite needs on Debian 12 / Ubuntu, as root: Chromium for the renderer e2e, and the real
# peers the integration tests talk to (registry, credential helpers, keyring, AWS CLI, docker CLI as login engine).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
# golang-go builds the finch stand-in (e2e/stack/finch, standard library only).
packages=(chromium docker-registry apache2-utils golang-docker-credential-helpers amazon-ecr-credential-helper
  gnome-keyring dbus dbus-x11 awscli golang-go ca-certificates)
# The docker CLI is the login engine behind the finch stand-in; many images already have one.
command -v docker >/dev/null 2>&1 || packages+=(docker.io)
apt-get update -qq
apt-get install -y -qq "${packages[@]}" >/dev/null
echo "test dependencies installed"
