#!/usr/bin/env bash
# bench-vet.sh: time `go vet -vettool=o11ylint ./...` against plain `go vet
# ./...` on one module, alternating, with a fresh flag value per run so that
# cmd/go's vet cache (keyed on the tool's content hash and its flags) cannot
# answer from an earlier run.
#
#   scripts/bench-vet.sh [-n ROUNDS] [-t TOOL] MODULE_DIR [PACKAGES...]
#
# ROUNDS defaults to 2; TOOL defaults to an o11ylint built from this checkout;
# PACKAGES default to ./... . Prints each run's wall time, CPU time (user+sys
# of the go command and every process it waited for) and peak RSS (as
# reported by /usr/bin/time -f %M: the largest single process), then the
# ratios of the means o11ylint / plain vet. On shared cores the CPU-time
# ratio is the one to trust: wall time depends on what else runs.
set -euo pipefail

rounds=2
tool=
while getopts n:t: opt; do
	case $opt in
	n) rounds=$OPTARG ;;
	t) tool=$OPTARG ;;
	*) echo "usage: $0 [-n ROUNDS] [-t TOOL] MODULE_DIR [PACKAGES...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-n ROUNDS] [-t TOOL] MODULE_DIR [PACKAGES...]" >&2; exit 2; }
dir=$1
shift
pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || pkgs=(./...)
[ -x /usr/bin/time ] || { echo "$0: needs GNU time at /usr/bin/time" >&2; exit 2; }

repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$tool" ]; then
	(cd "$repo" && go build -o "$tmp/o11ylint" ./cmd/o11ylint)
	tool=$tmp/o11ylint
fi
tool=$(cd "$(dirname "$tool")" && pwd)/$(basename "$tool")

# run NAME ARGS...: runs go vet ARGS in dir, prints "NAME seconds cpu rss_kb".
# Findings (exit status 1 from go vet) are expected and not an error.
run() {
	local name=$1
	shift
	(cd "$dir" && /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" go vet "$@" "${pkgs[@]}" >/dev/null 2>"$tmp/stderr") || true
	if grep -q -e '^go: ' -e 'unknown flag' "$tmp/stderr"; then
		echo "$0: go vet $* failed:" >&2
		head -20 "$tmp/stderr" >&2
		exit 1
	fi
	local wall user sys rss
	read -r wall user sys rss < <(tail -1 "$tmp/time")
	printf '%-9s %8.1fs wall %8.1fs cpu %8d KB\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$rss"
	echo "$name $wall $(echo "$user + $sys" | bc)" >>"$tmp/times"
}

echo "module: $dir  packages: ${pkgs[*]}  rounds: $rounds"
echo "tool:   $tool"
for i in $(seq 1 "$rounds"); do
	nonce=nonce$$x$i$RANDOM
	run vet -printf.funcs="$nonce"
	run o11ylint -vettool="$tool" -metricname.labels="$nonce"
done
awk '
	$1 == "vet" { v[++nv] = $2; vc[nv] = $3 }
	$1 == "o11ylint" { o[++no] = $2; oc[no] = $3 }
	END {
		for (i = 1; i <= nv; i++) { sv += v[i]; so += o[i]; svc += vc[i]; soc += oc[i] }
		printf "mean wall: vet %.1fs, o11ylint %.1fs, ratio o11ylint/vet %.2f\n", sv / nv, so / no, so / sv
		printf "mean cpu:  vet %.1fs, o11ylint %.1fs, ratio o11ylint/vet %.2f\n", svc / nv, soc / no, soc / svc
	}' "$tmp/times"
