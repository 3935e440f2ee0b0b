#!/usr/bin/env bash
# Publishes the edgepbx daemon as one NativeAOT executable. Usage: build/publish.sh RID OUTDIR
#   RID: linux-x64 or linux-arm64 (cross-compiled on x86-64 with clang, lld and the aarch64 binutils).
# Fails on any warning, including trimming and AOT analysis warnings.
set -euo pipefail
rid=${1:?rid (linux-x64 or linux-arm64)}
out=${2:?output directory}
cd "$(dirname "$0")/.."
args=(publish src/EdgePbx.Daemon -c Release -r "$rid" -p:PublishAot=true -p:TreatWarningsAsErrors=true
      -warnaserror -o "$out" --nologo)
if [ "$rid" = linux-arm64 ] && [ "$(uname -m)" != aarch64 ]; then
  # SysRoot=/ (not /usr/aarch64-linux-gnu): the cross libc's linker scripts name absolute paths.
  args+=(-p:CppCompilerAndLinker=clang -p:SysRoot=/ -p:LinkerFlavor=lld -p:ObjCopyName=aarch64-linux-gnu-objcopy)
fi
log=$(mktemp)
if ! dotnet "${args[@]}" | tee "$log"; then
  exit 1
fi
if grep -Ei "warning (IL|CS|NU|AOT)" "$log"; then
  echo "publish produced warnings (see above)" >&2
  exit 1
fi
ls -l "$out/edgepbx"
