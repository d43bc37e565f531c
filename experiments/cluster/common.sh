# Shared by the cluster scripts: finds the actrun command and makes paths absolute (a Slurm job may start in
# another directory than the one it was submitted from).

# $ACTRUN is the command that runs actrun; by default the Release build of this checkout, built if missing.
actrun_command() {
  if [ -n "${ACTRUN:-}" ]; then echo "$ACTRUN"; return; fi
  local root dll
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  # The CLI builds for the SDK's runtime identifier, so the dll sits in a RID folder (bin/Release/net10.0/linux-x64/);
  # ask MSBuild where it is rather than guessing the folder.
  dll="$(dotnet msbuild "$root/src/ActRun/ActRun.csproj" -p:Configuration=Release -getProperty:TargetPath 2>/dev/null | tail -n 1)"
  if [ -z "$dll" ]; then echo "cannot find actrun's build output in $root" >&2; return 1; fi
  if [ ! -f "$dll" ]; then
    dotnet build "$root/src/ActRun" -c Release >&2 || { echo "cannot build actrun in $root" >&2; return 1; }
  fi
  [ -f "$dll" ] || { echo "built actrun but found no $dll" >&2; return 1; }
  echo "dotnet $dll"
}

absolute() { (cd "$(dirname "$1")" && echo "$(pwd)/$(basename "$1")"); }

# usage_check SCRIPT CONFIG N: the two arguments every cluster script takes.
usage_check() {
  local script=$1 config=$2 n=$3
  if [ -z "$config" ] || [ -z "$n" ]; then echo "usage: $script CONFIG N [OUT]" >&2; return 2; fi
  if [ ! -f "$config" ]; then echo "$script: no config file '$config'" >&2; return 2; fi
  case "$n" in ''|*[!0-9]*|0) echo "$script: N must be a positive whole number, got '$n'" >&2; return 2;; esac
}
