#!/usr/bin/env bash
# Prints the PyTorch (libtorch, through TorchSharp) reference sequences of
# tests/ActRun.Core.Tests/Optimizers/OptimizerReferenceTests.cs. Usage: bench/optimizer-reference/run.sh
# libtorch 2.10 needs a newer C++ runtime than Debian 12 ships, so, as the TorchSharp peer does, the program runs
# against Debian 13's libc6/libstdc++6 unpacked into a private folder (the system is left as it is).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${TORCH_PEER_CACHE:-$HOME/.cache/torch-peer}
tx=$cache/tx
if [[ ! -e $tx/ld-linux-x86-64.so.2 ]]; then
  mkdir -p "$cache/debs" "$cache/lists/partial" "$tx"
  # the same Debian mirror the system already uses, with the next release's suite
  mirror=$(awk '/^URIs:/ && $2 ~ /debian/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [[ -n $mirror ]] || mirror=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list 2>/dev/null || true)
  [[ -n $mirror ]] || { echo "run.sh: no Debian mirror found in the apt sources" >&2; exit 1; }
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$cache/sources.list"
  o=(-oDir::Etc::SourceList="$cache/sources.list" -oDir::Etc::SourceParts=/dev/null -oDir::State::Lists="$cache/lists" -oAPT::Sandbox::User=root)
  apt-get "${o[@]}" -qq update >&2
  (cd "$cache/debs" && apt-get "${o[@]}" -qq download libc6 libstdc++6 libgcc-s1 >&2)
  for d in "$cache"/debs/*.deb; do dpkg -x "$d" "$cache/root"; done
  cp -a "$cache"/root/usr/lib/x86_64-linux-gnu/. "$tx"/
fi
command -v patchelf >/dev/null || apt-get install -y -qq patchelf >&2 2>/dev/null \
  || { apt-get update -qq >&2 && apt-get install -y -qq patchelf >&2; }
out=$cache/optimizer-reference
mkdir -p "$out/src" && cp "$here/OptimizerReference.csproj" "$here/Program.cs" "$out/src/"
dotnet build "$out/src/OptimizerReference.csproj" -c Release -o "$out/bin" -nologo -v quiet >&2
cp "$out/bin/OptimizerReference" "$out/bin/OptimizerReference.tx"
patchelf --set-interpreter "$tx/ld-linux-x86-64.so.2" "$out/bin/OptimizerReference.tx"
LD_LIBRARY_PATH=$tx exec "$out/bin/OptimizerReference.tx"
