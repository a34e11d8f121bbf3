#!/usr/bin/env bash
# The real-PDF development set (../shared/real-pdf) against its gold: scripts/eval.sh --real.
exec "$(dirname "$0")/eval.sh" --real "$@"
