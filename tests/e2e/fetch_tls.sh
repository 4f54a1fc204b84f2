#!/bin/sh
# vp-fetch verifies TLS: a server whose certificate comes from a private CA
# is refused (69) until that CA is given with --cacert.  Uses the openssl
# CLI (s_server on 127.0.0.1 only); skipped when it is absent.
. "$VP_ROOT/tests/lib.sh"
command -v openssl >/dev/null 2>&1 || skip "openssl CLI not installed"
cd "$T" || fail "no temp dir"
q() { "$@" >/dev/null 2>&1 || fail "openssl: $*"; }
q openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=voxpop-test-ca
q openssl req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr -subj /CN=127.0.0.1
printf 'subjectAltName=IP:127.0.0.1\n' >ext
q openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out srv.pem -days 2 -extfile ext
mkdir www
printf '{"results": [{"ref": "T-1", "c": "over TLS"}]}\n' >www/page.json
(cd www && exec timeout 20 openssl s_server -accept 127.0.0.1:0 -WWW -cert ../srv.pem \
	-key ../srv.key -naccept 3) >s.out 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until grep -q '^ACCEPT' s.out; do
	i=$((i + 1)); [ $i -le 250 ] || fail "s_server did not start: $(cat s.out)"; sleep 0.02
done
port=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9]*\)$/\1/p' s.out)
[ -n "$port" ] || skip "cannot read s_server's port: $(cat s.out)"
url="https://127.0.0.1:$port/page.json"
expect_exit 69 vp-fetch --url "$url" --records /results --id /ref --text /c --max-retries 0
expect_in "$T/err" "--cacert"
[ ! -s "$T/out" ] || fail "records written from an unverified server"
expect_exit 0 vp-fetch --url "$url" --records /results --id /ref --text /c --cacert ca.pem
expect_in "$T/out" '"text":"over TLS"'
exit 0
