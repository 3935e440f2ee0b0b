#!/usr/bin/env bash
# Runs every test of the solution: unit tests of each layer and the integration tests that drive the
# published native daemon with real peers (sipp, mosquitto, Chromium). Set EDGEPBX_BINARY to test an
# already published binary; otherwise the integration tests publish one themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test EdgePbx.sln -c Release --nologo "$@"
