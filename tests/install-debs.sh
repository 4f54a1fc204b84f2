#!/bin/sh
# Install the Debian packages named as arguments that are not installed yet.
# Used by `make deps` / `make check`; does nothing when all are present.
missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "voxpop: installing missing Debian packages:$missing"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null || { echo "voxpop: apt-get update failed" >&2; exit 1; }
$SUDO apt-get install -y -q --no-install-recommends $missing ||
	{ echo "voxpop: could not install:$missing" >&2; exit 1; }
