#!/usr/bin/env bash
# scripts/toolchain.sh — prepare an OFFLINE Terraform toolchain for cdktf-kong-ha's terraform-backed
# test suites and CI: a provider filesystem mirror, a CLI config that uses it, a plugin cache and
# (optionally) a Vault dev-server binary, all in a cache outside the repository.
#
#   scripts/toolchain.sh [--with-vault-server] [--with-aws6] [--refresh] [--check] [--quiet]
#   scripts/toolchain.sh --aws6-only [--refresh]
#
# Cache: ${CDKTF_KONG_HA_CACHE:-$HOME/.cache/cdktf-kong-ha}. Writes $CACHE/env.sh (export lines) and
# $CACHE/env.json (the same as one JSON object): TF_CLI_CONFIG_FILE, TF_PLUGIN_CACHE_DIR,
# KONG_PROVIDER_KIND (always real), VAULT_BIN (only when a Vault server binary is in the
# cache), CDKTF_KONG_HA_CACHE, CDKTF_KONG_HA_VAULT_PROVIDER_VERSION, CDKTF_KONG_HA_AWS6_VERSION (the
# AWS provider 6 that --with-aws6 builds; test/support/aws6.ts looks for it in the mirror).
#
# The shortest real path on each machine:
# - registry.terraform.io answers (probed with curl, 5 s): no mirror is built; `terraform init`
#   installs the real providers, and env.json says CDKTF_KONG_HA_PROVIDERS=registry. Only a Vault
#   server may still be needed (on PATH, cached, or built with --with-vault-server).
# - it does not (this workplace's CI): everything comes from package registries only (the Go module
#   proxy) or from this machine; the Terraform registry and GitHub are never contacted.
# CDKTF_KONG_HA_USE_REGISTRY=1 or =0 skips the probe. See docs/TOOLCHAIN.md for the what and why,
# including the pseudo-version table below.
#
# Idempotent: every artefact has a stamp (what was built, from what, with which Go); a second run
# only checks stamps and rewrites the env files (about a second). Negative answers from the module
# proxy (kong, vault 5.6.0) are remembered for a day; --refresh asks again and rebuilds everything.
#
# Options:
#   --with-vault-server  also build the Vault server (cold: 20-40 min on 2 cores, several hundred MB of
#                        module downloads). Also CDKTF_KONG_HA_WITH_VAULT_SERVER=1. Once built, it is
#                        reported in VAULT_BIN on every later run, flag or not.
#   --with-aws6          also build hashicorp/aws 6.47.1 (AWS provider 6) into the mirror, for the
#                        validate-aws6 suite (cold: about 26 min, 9.4 GB of memory in one process and
#                        8 GB of Go build cache on 2 cores; a 905 MB binary). Also CDKTF_KONG_HA_WITH_AWS6=1.
#   --aws6-only          build only that, under its own lock, so it can run in the background beside
#                        a second run that builds the rest (.ci/run does so). Nothing with registry access.
#   --refresh            ignore stamps and remembered proxy answers; rebuild everything.
#   --check              run `terraform init` + `terraform validate` on a config that uses all four
#                        providers, and fail if that does not pass. Done anyway whenever this run
#                        changed the mirror (it also fills the plugin cache before tests use it).
#   --quiet              print only the summary (and errors).
# Environment overrides:
#   CDKTF_KONG_HA_AWS_PROVIDER   path of terraform-provider-aws_v5.100.0_x5 (else: searched on disk)
#   CDKTF_KONG_HA_KONG_PROVIDER  path of a kevholditch/kong 6.5.1 binary you built or downloaded yourself
#   CDKTF_KONG_HA_KONG_SOURCE    path of terraform-provider-kong-6.5.1.tar.gz, a `git archive` of tag v6.5.1
#                                (default ../shared/vendor/ beside the clone; checked by sha256, built with go)
#
# Exit status: 0 when the mirror is complete (or when Go is missing: see below); 1 with a message on
# stderr when something essential is missing or a build failed (the build log path is printed).
set -euo pipefail

# ---------------------------------------------------------------------------------------------
# Pinned inputs. The Go module proxy serves Terraform providers under pseudo-versions, because
# their module paths have no /vN suffix while their tags are v4/v5/v6: tag vX.Y.Z is only reachable
# as the commit's pseudo-version.
#
# | provider            | version | module @ pseudo-version                                   | commit = tag     | proxy                 |
# | hashicorp/tls       | 4.1.0   | terraform-provider-tls@v1.2.1-0.20250423195406-eefba144662d | eefba144662d = v4.1.0 | yes; NOT in sum.golang.org (404): pinned h1 below |
# | hashicorp/vault     | 5.6.0   | terraform-provider-vault@v1.9.1-0.20251204223152-bcb1be4983c8 | bcb1be4983c8 = v5.6.0 | 403 "not available" (tried first) |
# | hashicorp/vault     | 5.9.0   | terraform-provider-vault@v1.9.1-0.20260422134934-5e9fcd457a99 | 5e9fcd457a99 = v5.9.0 | yes (fallback; stacks require "~> 5.6") |
# | kevholditch/kong    | 6.5.1   | terraform-provider-kong@v1.9.2-0.20240411073741-c76ec533a0e5 | c76ec533 = v6.5.1 | 403 for every version (tried first; then the vendored source) |
# | Vault server        | 1.21.1  | github.com/hashicorp/vault@v1.21.1 (see VAULT_SERVER_VERSION) | tag            | yes                   |
# | hashicorp/aws       | 5.100.0 | (not built: taken from this machine)                       |                  |                       |
# | hashicorp/aws       | 6.47.1  | terraform-provider-aws@v1.60.1-0.20260602190131-5f2286d6d836 | 5f2286d6d836 = main of 2026-06-02 (VERSION 6.47.1, with 6.48.0's changes) | yes, the only v6-era version it lists; in sum.golang.org |
# ---------------------------------------------------------------------------------------------
TLS_VERSION=4.1.0
TLS_MODULE=github.com/hashicorp/terraform-provider-tls
TLS_PSEUDO=v1.2.1-0.20250423195406-eefba144662d
# h1 (Go dirhash) of the module zip, as `go mod download` reported it; sum.golang.org has no entry.
TLS_H1='h1:ZStCr6moU5v/sKm+RY6M/rNhnqepDLrPI3vTfL1TfwY='

VAULT_PROVIDER_MODULE=github.com/hashicorp/terraform-provider-vault
VAULT_PROVIDER_WANTED=5.6.0                               # what @cdktf/provider-vault 15.6.1 binds
VAULT_PROVIDER_WANTED_PSEUDO=v1.9.1-0.20251204223152-bcb1be4983c8
VAULT_PROVIDER_FALLBACK=5.9.0                             # newest the proxy has; satisfies "~> 5.6"
VAULT_PROVIDER_FALLBACK_PSEUDO=v1.9.1-0.20260422134934-5e9fcd457a99

KONG_VERSION=6.5.1
KONG_MODULE=github.com/kevholditch/terraform-provider-kong
KONG_PSEUDO=v1.9.2-0.20240411073741-c76ec533a0e5         # has `replace .../kong => ./kong`, inside the zip

AWS_VERSION=5.100.0
AWS_FILE=terraform-provider-aws_v5.100.0_x5
AWS_DEFAULT_PATH=/opt/tf-plugins/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/$AWS_FILE

# AWS provider 6, for `@cdktf/provider-aws` 21.x. No release tag of v6 is on the proxy (@latest is
# v1.60.0 of 2019; tags and other commits answer 403): this commit of main is, as a pseudo-version.
# Its version/VERSION says 6.47.1, which is the version it is mirrored as.
AWS6_VERSION=6.47.1
AWS6_MODULE=github.com/hashicorp/terraform-provider-aws
AWS6_PSEUDO=v1.60.1-0.20260602190131-5f2286d6d836

VAULT_SERVER_MODULE=github.com/hashicorp/vault
# Vault's go.mod replaces api, api/auth/* and sdk with subdirectories that are not in the module
# zip; we drop those replaces, so the build uses the published modules its go.mod requires. That only
# compiles when the tag's in-tree sdk equals a published sdk. v1.21.1 (requires sdk v0.20.0) does.
# v1.21.4 (requires sdk v0.21.0) does not: its tree wants the 2-argument
# framework.Backend.ActivationFunc and a 2-value keysutil RestorePolicy, which no published sdk has
# together (v1.21.3 requires the same sdk; not tried). v1.21.2 (sdk v0.20.0) does not either: it calls
# TryRecordObservationWithRequest, added in sdk v0.21.0. v1.22.x is not on the proxy (403).
# Override: CDKTF_KONG_HA_VAULT_SERVER_VERSION=vX.Y.Z.
VAULT_SERVER_VERSION=${CDKTF_KONG_HA_VAULT_SERVER_VERSION:-v1.21.1}
VAULT_SERVER_DROP_REPLACES=(
  github.com/hashicorp/vault/api
  github.com/hashicorp/vault/api/auth/approle
  github.com/hashicorp/vault/api/auth/kubernetes
  github.com/hashicorp/vault/api/auth/userpass
  github.com/hashicorp/vault/sdk
)

PROBE_TTL_SECONDS=86400

# ---------------------------------------------------------------------------------------------
WITH_VAULT_SERVER=${CDKTF_KONG_HA_WITH_VAULT_SERVER:-0}
WITH_AWS6=${CDKTF_KONG_HA_WITH_AWS6:-0}
AWS6_ONLY=0 REFRESH=0 CHECK=0 QUIET=0
for arg in "$@"; do
  case $arg in
    --with-vault-server) WITH_VAULT_SERVER=1 ;;
    --with-aws6) WITH_AWS6=1 ;;
    --aws6-only) AWS6_ONLY=1 WITH_AWS6=1 ;;
    --refresh) REFRESH=1 ;;
    --check) CHECK=1 ;;
    --quiet) QUIET=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "toolchain.sh: unknown argument '$arg' (try --help)" >&2
      exit 2
      ;;
  esac
done

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${CDKTF_KONG_HA_CACHE:-$HOME/.cache/cdktf-kong-ha}
MIRROR=$CACHE/mirror
STATE=$CACHE/state
WORK=$CACHE/work
LOGS=$CACHE/logs
PLUGIN_CACHE=$CACHE/plugin-cache
RC=$CACHE/terraformrc
START=$SECONDS

say() { [[ $QUIET == 1 ]] || printf '%s\n' "$*" >&2; }
die() {
  printf 'toolchain.sh: ERROR: %s\n' "$*" >&2
  exit 1
}

mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
MIRROR=$CACHE/mirror STATE=$CACHE/state WORK=$CACHE/work LOGS=$CACHE/logs
PLUGIN_CACHE=$CACHE/plugin-cache RC=$CACHE/terraformrc

# One run at a time per cache (test workers may start it concurrently). --aws6-only touches only
# its own mirror folder, stamp and log, so it has a lock of its own and runs beside the others.
LOCK=$CACHE/.lock
[[ $AWS6_ONLY == 1 ]] && LOCK=$CACHE/.lock-aws6
if command -v flock >/dev/null 2>&1; then
  exec 9>"$LOCK"
  if ! flock -n 9; then
    say "toolchain: another run holds $LOCK; waiting for it"
    flock 9
  fi
fi

# JSON string literal; shell single-quoted literal.
json_str() {
  local s=$1
  s=${s//\\/\\\\} s=${s//\"/\\\"} s=${s//$'\n'/\\n} s=${s//$'\t'/\\t}
  printf '"%s"' "$s"
}
sh_str() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

write_atomically() { # path, content
  local tmp
  tmp=$(mktemp "$1.XXXXXX")
  printf '%s' "$2" >"$tmp"
  mv -f "$tmp" "$1"
}

# ---------------------------------------------------------------------------------------------
# Registry or mirror. A user with registry access needs no mirror: `terraform init` installs the
# real providers. Without Go nothing can be built, so the registry is the only way anyway.
REGISTRY_URL=${CDKTF_KONG_HA_REGISTRY_URL:-https://registry.terraform.io/.well-known/terraform.json}
registry_reachable() {
  case ${CDKTF_KONG_HA_USE_REGISTRY:-} in 1) return 0 ;; 0) return 1 ;; esac
  command -v curl >/dev/null 2>&1 || return 1
  curl -fsS --max-time 5 -o /dev/null "$REGISTRY_URL" 2>/dev/null
}
HAVE_GO=0
command -v go >/dev/null 2>&1 && HAVE_GO=1
USE_REGISTRY=0
if registry_reachable; then
  USE_REGISTRY=1
elif [[ $HAVE_GO == 0 ]]; then
  die "neither registry.terraform.io (probed $REGISTRY_URL) nor Go is available: install Go (https://go.dev/dl) so the providers can be built from the Go module proxy, or run where the Terraform registry answers"
fi

mkdir -p "$MIRROR" "$STATE" "$WORK" "$LOGS" "$PLUGIN_CACHE"
if [[ $HAVE_GO == 1 ]]; then
  GO_VERSION=$(go env GOVERSION)
  GOOS_=$(go env GOOS) GOARCH_=$(go env GOARCH)
  PLATFORM=${GOOS_}_${GOARCH_}
  if command -v terraform >/dev/null 2>&1; then
    TF_PLATFORM=$(terraform version -json 2>/dev/null | sed -n 's/.*"platform": *"\([^"]*\)".*/\1/p' | head -1)
    if [[ -n $TF_PLATFORM && $TF_PLATFORM != "$PLATFORM" ]]; then
      die "terraform runs on $TF_PLATFORM but go builds for $PLATFORM; set GOOS/GOARCH to match terraform"
    fi
  else
    say "toolchain: warning: terraform is not on PATH; preparing the mirror anyway"
  fi

  # Go settings for every go command below. -mod=mod lets go.sum gain the entries our builds need
  # (checked against sum.golang.org through the proxy); GOWORK=off ignores any go.work around.
  export GOFLAGS="-mod=mod -buildvcs=false" GOWORK=off GO111MODULE=on
  # The proxy part of GOPROXY, without "direct"/"off": probes must ask the proxy, not GitHub.
  PROXY_ONLY=$(printf '%s' "${GOPROXY:-$(go env GOPROXY)}" | tr ',|' '\n' | grep -vE '^(direct|off)$' | paste -sd, -)
else
  GO_VERSION=none PLATFORM=none
fi

declare -A SOURCE=() # provider -> provenance line for the summary
NOTES=()

now() { date +%s; }
elapsed() { printf '%ss' $((SECONDS - $1)); }

# stamp_ok <name> <expected>: the artefact's stamp matches (and --refresh was not given).
stamp_ok() { [[ $REFRESH == 0 && -f $STATE/$1.stamp && "$(cat "$STATE/$1.stamp")" == "$2" ]]; }
stamp_set() { write_atomically "$STATE/$1.stamp" "$2"; }

# go_download <module@version> <proxy> [extra env...]: prints the go mod download -json output.
go_download() {
  local modver=$1 proxy=$2
  shift 2
  (cd "$WORK" && env GOPROXY="$proxy" "$@" timeout 900 go mod download -json "$modver" 2>&1) || true
}
json_field() { # field name, from go's indented -json output on stdin
  sed -n "s/^[[:space:]]*\"$1\": \"\(.*\)\",\{0,1\}\$/\1/p" | head -1 | sed 's/\\"/"/g; s/\\\\/\\/g; s/\\n/ /g; s/\\t/ /g'
}

# probe <name> <module@version>: is it on the proxy? Caches "no" answers for PROBE_TTL_SECONDS.
# Sets PROBE_DIR / PROBE_SUM on success, PROBE_ERROR on failure.
probe() {
  local modver=$2 file=$STATE/probe-$1 out
  PROBE_DIR='' PROBE_SUM='' PROBE_ERROR=''
  if [[ $REFRESH == 0 && -f $file ]] && (($(now) - $(stat -c %Y "$file") < PROBE_TTL_SECONDS)); then
    PROBE_ERROR="$(cat "$file") (remembered; --refresh asks again)"
    return 1
  fi
  if [[ -z $PROXY_ONLY ]]; then
    PROBE_ERROR="GOPROXY has no proxy to ask"
    return 1
  fi
  out=$(go_download "$modver" "$PROXY_ONLY")
  PROBE_DIR=$(json_field Dir <<<"$out")
  PROBE_SUM=$(json_field Sum <<<"$out")
  PROBE_ERROR=$(json_field Error <<<"$out")
  if [[ -n $PROBE_DIR && -z $PROBE_ERROR && -d $PROBE_DIR ]]; then
    rm -f "$file"
    return 0
  fi
  [[ -n $PROBE_ERROR ]] || PROBE_ERROR=$(tail -3 <<<"$out" | tr '\n' ' ')
  # Remember only the proxy's definite "no" (403/404/410), not network trouble.
  if grep -qE '(403|404|410) |not available|not found' <<<"$PROBE_ERROR"; then
    printf '%s' "$PROBE_ERROR" >"$file"
  fi
  return 1
}

# build_go <label> <module dir> <output binary> [go mod edit args...]: go build in a writable copy.
build_go() {
  local label=$1 dir=$2 out=$3
  shift 3
  local src=$WORK/src-$label log=$LOGS/build-$label.log t0=$SECONDS
  rm -rf "$src"
  cp -R "$dir" "$src"
  chmod -R u+w "$src"
  mkdir -p "$(dirname "$out")"
  say "toolchain: building $label (log: $log)"
  # A line every 30 s, so a long build (the Vault server: 20-40 min cold) is visibly alive.
  (
    while sleep 30; do say "toolchain: still building $label ($((SECONDS - t0)) s so far)"; done
  ) &
  local ticker=$!
  if ! (
    cd "$src"
    if (($#)); then go mod edit "$@"; fi
    go build -trimpath -ldflags='-s -w' -o "$out.tmp" .
  ) >"$log" 2>&1; then
    kill "$ticker" 2>/dev/null || true
    tail -25 "$log" >&2
    rm -f "$out.tmp"
    die "building $label failed; full log: $log"
  fi
  kill "$ticker" 2>/dev/null || true
  mv -f "$out.tmp" "$out"
  rm -rf "$src"
  CHANGED=1
  say "toolchain: built $label in $(elapsed "$t0")"
}

# h1 of a module zip (Go's dirhash.Hash1), computed independently of go when python3 is present.
zip_h1() {
  command -v python3 >/dev/null 2>&1 || return 1
  python3 - "$1" <<'PY'
import base64, hashlib, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = sorted(n for n in z.namelist() if not n.endswith("/"))
lines = "".join("%s  %s\n" % (hashlib.sha256(z.read(n)).hexdigest(), n) for n in names)
print("h1:" + base64.b64encode(hashlib.sha256(lines.encode()).digest()).decode())
PY
}

provider_dir() { printf '%s/registry.terraform.io/%s/%s/%s' "$MIRROR" "$1" "$2" "$PLATFORM"; }

# Drop other versions of a provider from the mirror, so "~>" constraints resolve to ours.
prune_versions() { # ns/type keep-version...
  local d v keep
  for d in "$MIRROR/registry.terraform.io/$1"/*/; do
    [[ -d $d ]] || continue
    keep=0
    for v in "${@:2}"; do [[ $(basename "$d") == "$v" ]] && keep=1; done
    [[ $keep == 1 ]] || rm -rf "$d"
  done
  return 0
}

# --- 1. hashicorp/aws 5.100.0: symlink the binary already on this machine ----------------------
install_aws() {
  local t0=$SECONDS dest src=''
  dest=$(provider_dir hashicorp/aws "$AWS_VERSION")/$AWS_FILE
  if [[ -n ${CDKTF_KONG_HA_AWS_PROVIDER:-} ]]; then
    [[ -x $CDKTF_KONG_HA_AWS_PROVIDER ]] || die "CDKTF_KONG_HA_AWS_PROVIDER=$CDKTF_KONG_HA_AWS_PROVIDER is not an executable file"
    src=$CDKTF_KONG_HA_AWS_PROVIDER
  elif [[ -L $dest && -x $dest && $REFRESH == 0 ]]; then
    src=$(readlink "$dest")
  elif [[ -x $AWS_DEFAULT_PATH ]]; then
    src=$AWS_DEFAULT_PATH
  else
    local d
    for d in "${TF_PLUGIN_CACHE_DIR:-}" "$HOME/.terraform.d/plugins" "$HOME/.local/share/terraform/plugins" \
      /usr/local/share/terraform/plugins /usr/share/terraform/plugins; do
      [[ -n $d && -d $d ]] || continue
      src=$(find "$d" -name "$AWS_FILE*" -type f -perm -u+x 2>/dev/null | head -1)
      [[ -z $src ]] || break
    done
    if [[ -z $src ]]; then
      say "toolchain: hashicorp/aws $AWS_VERSION not at $AWS_DEFAULT_PATH; searching the disk (once)"
      src=$(timeout 300 find / \( -path /proc -o -path /sys -o -path /dev -o -path "$CACHE" \) -prune -o \
        -name "terraform-provider-aws_v$AWS_VERSION*" -type f -perm -u+x -print 2>/dev/null | head -1 || true)
    fi
  fi
  if [[ -z $src || ! -x $src ]]; then
    die "hashicorp/aws $AWS_VERSION is essential and was not found (looked at $AWS_DEFAULT_PATH, the usual
plugin directories and the whole disk for terraform-provider-aws_v$AWS_VERSION*). It is too large to build
here; copy the linux_amd64 release binary from a machine with registry access and either put it at
$AWS_DEFAULT_PATH or run with CDKTF_KONG_HA_AWS_PROVIDER=/path/to/$AWS_FILE.
(With registry access you need none of this: plain 'terraform init' works.)"
  fi
  mkdir -p "$(dirname "$dest")"
  if [[ $(readlink "$dest" 2>/dev/null) != "$src" ]]; then
    ln -sfn "$src" "$dest"
    CHANGED=1
  fi
  prune_versions hashicorp/aws "$AWS_VERSION" "$AWS6_VERSION"
  SOURCE[aws]="hashicorp/aws $AWS_VERSION  symlink -> $src"
  say "toolchain: hashicorp/aws ready ($(elapsed "$t0"))"
}

# --- 1b. hashicorp/aws 6 from the module proxy (sum.golang.org checks it), on request --------------
# Stacks pin the version of their bindings (6.25.0 for @cdktf/provider-aws 21.22.1); the
# validate-aws6 suite points them at this one with an override file. While it builds, $STATE/aws6.pid
# names the process, so that suite can wait for it.
AWS6_FILE=terraform-provider-aws_v$AWS6_VERSION
install_aws6() {
  local dest stamp out dir t0=$SECONDS
  dest=$(provider_dir hashicorp/aws "$AWS6_VERSION")/$AWS6_FILE
  stamp="$AWS6_MODULE@$AWS6_PSEUDO $GO_VERSION $PLATFORM"
  if stamp_ok aws6 "$stamp" && [[ -x $dest ]]; then
    SOURCE[aws6]="hashicorp/aws $AWS6_VERSION  cached build of $AWS6_MODULE@$AWS6_PSEUDO"
    return
  fi
  printf '%s' $$ >"$STATE/aws6.pid"
  trap 'rm -f "$STATE/aws6.pid"' EXIT
  out=$(go_download "$AWS6_MODULE@$AWS6_PSEUDO" "${GOPROXY:-$(go env GOPROXY)}")
  dir=$(json_field Dir <<<"$out")
  [[ -n $dir && -d $dir ]] || die "downloading $AWS6_MODULE@$AWS6_PSEUDO from the Go module proxy failed:
$out"
  say "toolchain: hashicorp/aws $AWS6_VERSION is a large build (cold: about 26 min and 9.4 GB of memory on 2 cores)"
  build_go aws6 "$dir" "$dest"
  stamp_set aws6 "$stamp"
  SOURCE[aws6]="hashicorp/aws $AWS6_VERSION  built from $AWS6_MODULE@$AWS6_PSEUDO in $(elapsed "$t0")"
}

# --- 2. hashicorp/tls 4.1.0 from the module proxy, h1 pinned ------------------------------------
install_tls() {
  local dest stamp out dir sum zip calc
  dest=$(provider_dir hashicorp/tls "$TLS_VERSION")/terraform-provider-tls_v$TLS_VERSION
  stamp="$TLS_MODULE@$TLS_PSEUDO $TLS_H1 $GO_VERSION $PLATFORM"
  if stamp_ok tls "$stamp" && [[ -x $dest ]]; then
    SOURCE[tls]="hashicorp/tls $TLS_VERSION  cached build of $TLS_MODULE@$TLS_PSEUDO"
    return
  fi
  # sum.golang.org has no record of this pseudo-version: skip the checksum DB for this module only
  # and check the h1 ourselves.
  out=$(go_download "$TLS_MODULE@$TLS_PSEUDO" "${GOPROXY:-$(go env GOPROXY)}" GONOSUMDB="$TLS_MODULE")
  dir=$(json_field Dir <<<"$out") sum=$(json_field Sum <<<"$out") zip=$(json_field Zip <<<"$out")
  [[ -n $dir && -d $dir ]] || die "downloading $TLS_MODULE@$TLS_PSEUDO from the Go module proxy failed:
$out"
  [[ $sum == "$TLS_H1" ]] || die "$TLS_MODULE@$TLS_PSEUDO: go reports $sum, pinned $TLS_H1 — refusing to build"
  if calc=$(zip_h1 "$zip"); then
    [[ $calc == "$TLS_H1" ]] || die "$TLS_MODULE@$TLS_PSEUDO: the zip hashes to $calc, pinned $TLS_H1 — refusing to build"
  else
    NOTES+=("tls: python3 missing, so the zip's h1 was taken from go's own computation")
  fi
  build_go tls "$dir" "$dest"
  prune_versions hashicorp/tls "$TLS_VERSION"
  stamp_set tls "$stamp"
  SOURCE[tls]="hashicorp/tls $TLS_VERSION  built from $TLS_MODULE@$TLS_PSEUDO ($TLS_H1, verified)"
}

# --- 3. hashicorp/vault: 5.6.0 if the proxy ever has it, else 5.9.0 -------------------------------
install_vault_provider() {
  local version pseudo dest stamp
  for version in "$VAULT_PROVIDER_WANTED" "$VAULT_PROVIDER_FALLBACK"; do
    pseudo=$VAULT_PROVIDER_FALLBACK_PSEUDO
    [[ $version == "$VAULT_PROVIDER_WANTED" ]] && pseudo=$VAULT_PROVIDER_WANTED_PSEUDO
    dest=$(provider_dir hashicorp/vault "$version")/terraform-provider-vault_v$version
    stamp="$VAULT_PROVIDER_MODULE@$pseudo $GO_VERSION $PLATFORM"
    if stamp_ok "vault-provider-$version" "$stamp" && [[ -x $dest ]]; then
      VAULT_PROVIDER_VERSION=$version
      prune_versions hashicorp/vault "$version"
      SOURCE[vault]="hashicorp/vault $version  cached build of $VAULT_PROVIDER_MODULE@$pseudo"
      return
    fi
    if [[ $version == "$VAULT_PROVIDER_WANTED" ]] && ! probe "vault-provider-$version" "$VAULT_PROVIDER_MODULE@$pseudo"; then
      NOTES+=("vault provider $version ($pseudo) is not on the proxy: $PROBE_ERROR")
      continue
    fi
    if [[ $version == "$VAULT_PROVIDER_FALLBACK" ]]; then
      probe "vault-provider-$version" "$VAULT_PROVIDER_MODULE@$pseudo" ||
        die "hashicorp/vault $version ($VAULT_PROVIDER_MODULE@$pseudo) could not be downloaded: $PROBE_ERROR"
    fi
    build_go "vault-provider-$version" "$PROBE_DIR" "$dest"
    prune_versions hashicorp/vault "$version"
    stamp_set "vault-provider-$version" "$stamp"
    VAULT_PROVIDER_VERSION=$version
    SOURCE[vault]="hashicorp/vault $version  built from $VAULT_PROVIDER_MODULE@$pseudo ($PROBE_SUM)"
    return
  done
}

# --- 4. kevholditch/kong 6.5.1: always the real provider ------------------------------------------
# The vendored `git archive` of kevholditch/terraform-provider-kong v6.5.1, where this workplace keeps it.
KONG_VENDOR_TARBALL=${CDKTF_KONG_HA_KONG_SOURCE:-$REPO/../shared/vendor/terraform-provider-kong-$KONG_VERSION.tar.gz}
if [[ -z ${CDKTF_KONG_HA_KONG_SOURCE:-} && ! -f $KONG_VENDOR_TARBALL && -f /work/shared/vendor/terraform-provider-kong-$KONG_VERSION.tar.gz ]]; then
  KONG_VENDOR_TARBALL=/work/shared/vendor/terraform-provider-kong-$KONG_VERSION.tar.gz # a clone elsewhere on this workplace's machines
fi
KONG_VENDOR_SHA256=6eae73367705eaad591272672bd1997b5b9a5897c1407df751d8a6ea961115f6

# install_kong_from_vendor <dest>: build the REAL provider from the vendored source; 1 when it is absent.
install_kong_from_vendor() {
  local dest=$1 stamp sum src
  if [[ ! -f $KONG_VENDOR_TARBALL ]]; then
    NOTES+=("kong $KONG_VERSION: no vendored source at $KONG_VENDOR_TARBALL (set CDKTF_KONG_HA_KONG_SOURCE)")
    return 1
  fi
  sum=$(sha256sum "$KONG_VENDOR_TARBALL" | cut -d' ' -f1)
  [[ $sum == "$KONG_VENDOR_SHA256" ]] ||
    die "$KONG_VENDOR_TARBALL has sha256 $sum, expected $KONG_VENDOR_SHA256 (kevholditch/terraform-provider-kong v$KONG_VERSION)"
  stamp="vendored $sum $GO_VERSION $PLATFORM"
  KONG_PROVIDER_KIND=real
  if stamp_ok kong "$stamp" && [[ -x $dest && ! -L $dest ]]; then
    SOURCE[kong]="kevholditch/kong $KONG_VERSION  REAL, cached build of the vendored source ($KONG_VENDOR_TARBALL)"
    return 0
  fi
  src=$WORK/kong-vendored
  rm -rf "$src"
  mkdir -p "$src"
  tar xzf "$KONG_VENDOR_TARBALL" -C "$src"
  say "toolchain: building kevholditch/kong $KONG_VERSION from its vendored source (about 1.5 min on 2 cores)"
  rm -f "$dest"
  build_go kong-vendored "$src/terraform-provider-kong-$KONG_VERSION" "$dest"
  rm -rf "$src"
  stamp_set kong "$stamp"
  SOURCE[kong]="kevholditch/kong $KONG_VERSION  REAL, built from the vendored source ($KONG_VENDOR_TARBALL, sha256 ${sum:0:16}...)"
  return 0
}

install_kong() {
  local dest stamp hash bdir
  dest=$(provider_dir kevholditch/kong "$KONG_VERSION")/terraform-provider-kong_v$KONG_VERSION
  mkdir -p "$(dirname "$dest")"

  if [[ -n ${CDKTF_KONG_HA_KONG_PROVIDER:-} ]]; then
    [[ -x $CDKTF_KONG_HA_KONG_PROVIDER ]] || die "CDKTF_KONG_HA_KONG_PROVIDER=$CDKTF_KONG_HA_KONG_PROVIDER is not an executable file"
    if [[ $(readlink "$dest" 2>/dev/null) != "$CDKTF_KONG_HA_KONG_PROVIDER" ]]; then
      rm -f "$dest"
      ln -s "$CDKTF_KONG_HA_KONG_PROVIDER" "$dest"
      rm -f "$STATE/kong.stamp"
      CHANGED=1
    fi
    KONG_PROVIDER_KIND=real
    SOURCE[kong]="kevholditch/kong $KONG_VERSION  REAL, symlink -> $CDKTF_KONG_HA_KONG_PROVIDER (CDKTF_KONG_HA_KONG_PROVIDER)"
    return
  fi

  stamp="real $KONG_MODULE@$KONG_PSEUDO $GO_VERSION $PLATFORM"
  if stamp_ok kong "$stamp" && [[ -x $dest && ! -L $dest ]]; then
    KONG_PROVIDER_KIND=real
    SOURCE[kong]="kevholditch/kong $KONG_VERSION  REAL, cached build of $KONG_MODULE@$KONG_PSEUDO"
    return
  fi
  if probe kong-real "$KONG_MODULE@$KONG_PSEUDO"; then
    build_go kong-real "$PROBE_DIR" "$dest"
    stamp_set kong "$stamp"
    KONG_PROVIDER_KIND=real
    SOURCE[kong]="kevholditch/kong $KONG_VERSION  REAL, built from $KONG_MODULE@$KONG_PSEUDO ($PROBE_SUM)"
    return
  fi
  NOTES+=("kong $KONG_VERSION ($KONG_MODULE@$KONG_PSEUDO) is not on the proxy: $PROBE_ERROR")

  # The real provider from its vendored source (../shared/vendor, see its README), checked by sha256.
  if install_kong_from_vendor "$dest"; then
    return
  fi

  die "kevholditch/kong $KONG_VERSION: no source to build it from. With access to registry.terraform.io run the tests with CDKTF_KONG_HA_USE_REGISTRY=1 (terraform init downloads it); otherwise point CDKTF_KONG_HA_KONG_SOURCE at terraform-provider-kong-$KONG_VERSION.tar.gz (a git archive of tag v$KONG_VERSION) or CDKTF_KONG_HA_KONG_PROVIDER at a built binary"
}

# --- 5. Vault server (optional) --------------------------------------------------------------------
# The oldest Vault server the e2e suite runs against (KV v2, PKI issuers, -dev-no-store-token).
VAULT_MIN_VERSION=1.15.0

# vault_on_path: prints a `vault` or `bao` binary on PATH whose version is >= VAULT_MIN_VERSION.
vault_on_path() {
  local bin version
  for bin in vault bao; do
    bin=$(command -v "$bin" 2>/dev/null) || continue
    version=$("$bin" version 2>/dev/null | sed -n 's/^[A-Za-z]* v\([0-9][0-9.]*\).*/\1/p' | head -1)
    [[ -n $version ]] || continue
    if [[ $(printf '%s\n%s\n' "$VAULT_MIN_VERSION" "$version" | sort -V | head -1) == "$VAULT_MIN_VERSION" ]]; then
      printf '%s' "$bin"
      return 0
    fi
    NOTES+=("$bin on PATH is version $version; the e2e suite needs >= $VAULT_MIN_VERSION, so it is not used")
  done
  return 1
}

install_vault_server() {
  local dest=$CACHE/bin/vault stamp out dir drops=() m
  stamp="$VAULT_SERVER_MODULE@$VAULT_SERVER_VERSION $GO_VERSION $PLATFORM"
  VAULT_BIN=''
  # A built server is kept (and reported) on runs without --with-vault-server, --refresh or not.
  if [[ -x $dest && -f $STATE/vault-server.stamp && "$(cat "$STATE/vault-server.stamp")" == "$stamp" ]] &&
    [[ $REFRESH == 0 || $WITH_VAULT_SERVER != 1 ]]; then
    VAULT_BIN=$dest
    SOURCE[vault-server]="vault ${VAULT_SERVER_VERSION#v}  cached build of $VAULT_SERVER_MODULE@$VAULT_SERVER_VERSION"
    return
  fi
  # A Vault (or OpenBao, whose CLI is `bao`) already on PATH at a supported version: no build.
  local onpath
  if onpath=$(vault_on_path); then
    VAULT_BIN=$onpath
    SOURCE[vault-server]="vault server  on PATH: $onpath ($("$onpath" version 2>/dev/null | head -1))"
    return
  fi
  if [[ $WITH_VAULT_SERVER != 1 ]]; then
    SOURCE[vault-server]="vault server  not built (pass --with-vault-server, or put vault >= $VAULT_MIN_VERSION on PATH; e2e tests need it)"
    return
  fi
  out=$(go_download "$VAULT_SERVER_MODULE@$VAULT_SERVER_VERSION" "${GOPROXY:-$(go env GOPROXY)}")
  dir=$(json_field Dir <<<"$out")
  [[ -n $dir && -d $dir ]] || die "downloading $VAULT_SERVER_MODULE@$VAULT_SERVER_VERSION failed:
$out"
  for m in "${VAULT_SERVER_DROP_REPLACES[@]}"; do drops+=("-dropreplace=$m"); done
  say "toolchain: the Vault server is a large build (cold: 20-40 min on 2 cores)"
  build_go vault-server "$dir" "$dest" "${drops[@]}"
  "$dest" version >/dev/null 2>&1 || die "the built $dest does not run ('vault version' failed)"
  stamp_set vault-server "$stamp"
  VAULT_BIN=$dest
  SOURCE[vault-server]="vault ${VAULT_SERVER_VERSION#v}  built from $VAULT_SERVER_MODULE@$VAULT_SERVER_VERSION (replaces of api, api/auth/*, sdk dropped)"
}

# --- 6. CLI config -------------------------------------------------------------------------------
write_cli_config() {
  local p list=''
  for p in hashicorp/aws hashicorp/tls hashicorp/vault kevholditch/kong; do
    list+="${list:+, }\"registry.terraform.io/$p\""
  done
  local m=${MIRROR//\\/\\\\} c=${PLUGIN_CACHE//\\/\\\\}
  write_atomically "$RC" "# Generated by scripts/toolchain.sh (cdktf-kong-ha). Only processes that set
# TF_CLI_CONFIG_FILE to this file use it: the four providers below come from the offline mirror,
# everything else from the registry as usual.
plugin_cache_dir = \"${c//\"/\\\"}\"

provider_installation {
  filesystem_mirror {
    path    = \"${m//\"/\\\"}\"
    include = [$list]
  }
  direct {
    exclude = [$list]
  }
}
"
}

# env.sh and env.json. Registry mode names the mode, the plugin cache and a Vault server when there
# is one; mirror mode adds the CLI config that points terraform at the mirror.
write_env() {
  local -a keys=(CDKTF_KONG_HA_CACHE TF_CLI_CONFIG_FILE TF_PLUGIN_CACHE_DIR KONG_PROVIDER_KIND CDKTF_KONG_HA_VAULT_PROVIDER_VERSION CDKTF_KONG_HA_AWS6_VERSION)
  [[ $USE_REGISTRY == 1 ]] && keys=(CDKTF_KONG_HA_CACHE CDKTF_KONG_HA_PROVIDERS TF_PLUGIN_CACHE_DIR)
  local -A val=(
    [CDKTF_KONG_HA_CACHE]=$CACHE
    [CDKTF_KONG_HA_PROVIDERS]=registry
    [TF_CLI_CONFIG_FILE]=$RC
    [TF_PLUGIN_CACHE_DIR]=$PLUGIN_CACHE
    [KONG_PROVIDER_KIND]=$KONG_PROVIDER_KIND
    [CDKTF_KONG_HA_VAULT_PROVIDER_VERSION]=$VAULT_PROVIDER_VERSION
    [CDKTF_KONG_HA_AWS6_VERSION]=$AWS6_VERSION
  )
  if [[ -n $VAULT_BIN ]]; then
    keys+=(VAULT_BIN)
    val[VAULT_BIN]=$VAULT_BIN
  fi
  local k sh='# Generated by scripts/toolchain.sh — source it: . "'"$CACHE"'/env.sh"'$'\n' json='{' sep=''
  for k in "${keys[@]}"; do
    sh+="export $k=$(sh_str "${val[$k]}")"$'\n'
    json+="$sep"$'\n'"  $(json_str "$k"): $(json_str "${val[$k]}")"
    sep=,
  done
  json+=$'\n}\n'
  write_atomically "$CACHE/env.sh" "$sh"
  write_atomically "$CACHE/env.json" "$json"
}

self_check() {
  local t0=$SECONDS dir log=$LOGS/check.log
  command -v terraform >/dev/null 2>&1 || die "--check needs terraform on PATH"
  dir=$(mktemp -d "$WORK/check.XXXXXX")
  cat >"$dir/main.tf.json" <<JSON
{
  "terraform": { "required_providers": {
    "aws":   { "source": "hashicorp/aws",    "version": "$AWS_VERSION" },
    "tls":   { "source": "hashicorp/tls",    "version": "$TLS_VERSION" },
    "vault": { "source": "hashicorp/vault",  "version": "~> 5.6" },
    "kong":  { "source": "kevholditch/kong", "version": "$KONG_VERSION" } } },
  "provider": { "aws": [{ "region": "eu-west-1" }], "kong": [{ "kong_admin_uri": "http://127.0.0.1:8001" }] },
  "resource": {
    "tls_private_key": { "k": { "algorithm": "ED25519" } },
    "vault_mount": { "m": { "path": "kv", "type": "kv-v2" } },
    "kong_service": { "s": { "name": "s", "protocol": "http", "host": "example.com" } },
    "aws_s3_bucket": { "b": { "bucket": "cdktf-kong-ha-toolchain-check" } } }
}
JSON
  if ! (cd "$dir" && TF_CLI_CONFIG_FILE=$RC TF_PLUGIN_CACHE_DIR=$PLUGIN_CACHE TF_IN_AUTOMATION=1 \
    terraform init -backend=false -input=false -no-color && TF_CLI_CONFIG_FILE=$RC terraform validate -no-color) >"$log" 2>&1; then
    tail -30 "$log" >&2
    die "--check: terraform init/validate with the mirror failed (log: $log, config: $dir)"
  fi
  rm -rf "$dir"
  say "toolchain: --check passed: init + validate with all four providers ($(elapsed "$t0"))"
}

# ---------------------------------------------------------------------------------------------
KONG_PROVIDER_KIND='' VAULT_PROVIDER_VERSION='' VAULT_BIN='' CHANGED=0
if [[ $AWS6_ONLY == 1 ]]; then
  if [[ $USE_REGISTRY == 1 ]]; then
    say "toolchain: registry.terraform.io answers: terraform init installs AWS provider 6, nothing to build"
  else
    install_aws6
    echo "toolchain: ${SOURCE[aws6]}" >&2
  fi
  exit 0
fi
if [[ $USE_REGISTRY == 1 ]]; then
  say "toolchain: registry.terraform.io answers: terraform init installs the real providers, no mirror is built"
  if [[ $HAVE_GO == 1 ]]; then
    install_vault_server
  elif VAULT_BIN=$(vault_on_path); then
    SOURCE[vault-server]="vault server  on PATH: $VAULT_BIN"
  elif [[ $WITH_VAULT_SERVER == 1 ]]; then
    die "the e2e suite needs a Vault server: put vault (or OpenBao's bao) >= $VAULT_MIN_VERSION on PATH (https://developer.hashicorp.com/vault/install), or install Go to build one"
  fi
  write_env
  {
    echo "toolchain: ready in $(elapsed "$START") — providers from registry.terraform.io"
    printf '  %-13s %s\n' vault-server "${SOURCE[vault-server]:-none (only the e2e suite needs one)}"
    for n in "${NOTES[@]}"; do printf '  note: %s\n' "$n"; done
  } >&2
  exit 0
fi
say "toolchain: cache $CACHE ($GO_VERSION, $PLATFORM)"
install_aws
install_tls
install_vault_provider
install_kong
install_vault_server
if [[ $WITH_AWS6 == 1 ]]; then install_aws6; fi
write_cli_config
write_env
# After any change, init + validate once: proves the mirror works and fills the plugin cache, so
# that parallel `terraform init`s in the test suites only read from it.
if [[ $CHECK == 1 ]]; then
  self_check
elif [[ $CHANGED == 1 ]]; then
  if command -v terraform >/dev/null 2>&1; then self_check; else NOTES+=("terraform not on PATH: mirror not checked"); fi
fi

{
  echo "toolchain: ready in $(elapsed "$START") — offline provider mirror $MIRROR"
  for k in aws tls vault kong vault-server; do printf '  %-13s %s\n' "$k" "${SOURCE[$k]:-?}"; done
  [[ -z ${SOURCE[aws6]:-} ]] || printf '  %-13s %s\n' aws6 "${SOURCE[aws6]}"
  for n in "${NOTES[@]}"; do printf '  note: %s\n' "$n"; done
  echo "  env: . $CACHE/env.sh   (or $CACHE/env.json)   KONG_PROVIDER_KIND=$KONG_PROVIDER_KIND"
} >&2
